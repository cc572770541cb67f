import { type Item, renderChoicePrompt } from '@kensa/core';
import { describe, expect, it } from 'vitest';
import {
  type ConformanceOptions,
  checkBenchmarkConformance,
  formatFinding,
  keyReplies,
  sampleItems,
  wrongReply,
} from './check-conformance';
import { toyBenchmark, toyContents, toyPath } from './test-support/toy-benchmark';

const options: ConformanceOptions = {
  contents: toyContents,
  malformed: { path: toyPath, text: (text) => text.replace('"answer_idx": 1', '"answer_idx": 7'), line: 2 },
};

function findings(benchmark = toyBenchmark(), overrides: Partial<ConformanceOptions> = {}) {
  return checkBenchmarkConformance(benchmark, { ...options, ...overrides }).map(formatFinding);
}

describe('checkBenchmarkConformance', () => {
  it('finds nothing wrong with a conforming benchmark', () => {
    expect(findings()).toEqual([]);
  });

  it('reports a parse that fails, once per check that needs the items', () => {
    const broken = findings(toyBenchmark(), { contents: new Map([[toyPath, '{']]) });
    expect(broken[0]).toMatch(/^\[parse\] parse failed: DatasetParseError: toy\/test\.jsonl:1/);
    expect(broken).toContain('[ids] not checked: parse failed (see the parse check)');
  });

  it('reports duplicate ids, unstable ids and a wrong item count', () => {
    let call = 0;
    const item = (id: string): Item => ({
      id,
      kind: 'choice',
      question: '正しいのはどれか。',
      choices: ['甲', '乙'],
      choose: 1,
      answer: ['a'],
    });
    const benchmark = toyBenchmark({ parse: () => [item('x'), item('x'), item(`y${call++}`)] });
    expect(findings(benchmark, { itemCount: 2 })).toEqual(
      expect.arrayContaining([
        '[parse] parse returned 3 items, expected 2',
        "[ids] x: id 'x' is used by more than one item",
        '[ids] a second parse of the same contents gave other ids or another order; ids must be stable',
      ]),
    );
  });

  it('reports an item that does not validate', () => {
    const benchmark = toyBenchmark({
      parse: () => [
        { id: 'bad', kind: 'choice', question: '問', choices: ['甲', '乙'], choose: 1, answer: ['e'] },
      ],
    });
    expect(findings(benchmark)).toContain(
      "[items] bad: item does not validate with itemSchema: 'e' is not one of the 2 choices",
    );
  });

  it('reports a prompt mode that renders nothing, or differently each time', () => {
    let count = 0;
    const benchmark = toyBenchmark({
      prompts: [
        { id: 'empty', description: 'renders nothing', render: () => ({ messages: [], template: 't/1' }) },
        {
          id: 'restless',
          description: 'adds a counter',
          render: (item) => {
            const rendered = renderChoicePrompt(item);
            return { ...rendered, messages: [{ role: 'user', content: `${count++}` }] };
          },
        },
      ],
    });
    const found = findings(benchmark);
    expect(found).toContain("[prompts] toy:1: prompt mode 'empty' rendered no messages");
    expect(found).toContain(
      "[prompts] toy:1: prompt mode 'restless' rendered the same item differently twice; prompts must be deterministic",
    );
  });

  it('reports a likelihood render with the wrong number of continuations', () => {
    const benchmark = toyBenchmark({
      likelihood: { render: () => ({ prompt: '質問', continuations: ['a'], template: 't/1' }) },
    });
    expect(findings(benchmark)).toContain(
      '[likelihood] toy:1: likelihood rendered 1 continuations for 4 choices',
    );
  });

  it('reports a key the scorer cannot read back', () => {
    const benchmark = toyBenchmark({
      parse: () => [
        { id: 'n', kind: 'numeric', question: '何 mg か。', choices: [], choose: 0, answer: ['約3'] },
      ],
    });
    expect(findings(benchmark).filter((finding) => finding.startsWith('[scoring]'))).toEqual([
      expect.stringMatching(/^\[scoring\] n: the key '答え：約3' was scored 'wrong'/),
      expect.stringMatching(/^\[scoring\] n: the key '約3' was scored 'wrong'/),
      '[scoring] answering every key scored 0 of 1, not full marks',
    ]);
  });

  it('refuses branch names, short hashes without a reason, and urls without the revision', () => {
    const source = toyBenchmark().sources[0];
    if (source === undefined) throw new Error('the toy benchmark has a source');
    const benchmark = toyBenchmark({
      sources: [
        { ...source, revision: 'main', url: 'https://example.org/main/toy/test.jsonl' },
        {
          ...source,
          path: 'toy/other.jsonl',
          revision: '64d5b3a',
          url: 'https://example.org/toy/other.jsonl',
        },
      ],
    });
    const found = findings(benchmark).filter((finding) => finding.startsWith('[sources]'));
    expect(found).toEqual([
      "[sources] source 'toy/test.jsonl': revision 'main' is a branch name, which moves; pin a full commit hash",
      expect.stringContaining("source 'toy/other.jsonl': revision '64d5b3a' is not a full commit hash"),
      "[sources] source 'toy/other.jsonl': url 'https://example.org/toy/other.jsonl' does not contain the revision '64d5b3a'",
    ]);
    const accepted = findings(benchmark, { acceptedRevisions: { '64d5b3a': 'short hash', main: 'please' } });
    expect(accepted.filter((finding) => finding.includes('is not a full commit hash'))).toEqual([]);
    expect(accepted.filter((finding) => finding.includes('is a branch name'))).toHaveLength(1);
  });

  it('reports parse errors that name the wrong line, or none', () => {
    expect(findings(toyBenchmark(), { malformed: { ...options.malformed, line: 3 } as never })).toEqual([
      '[parse-errors] the broken toy/test.jsonl:3 failed naming toy/test.jsonl:2',
    ]);
    expect(findings(toyBenchmark(), { malformed: { path: 'elsewhere.jsonl', text: '', line: 1 } })).toEqual([
      "[parse-errors] malformed path 'elsewhere.jsonl' is not one of the resolved sources",
    ]);
    const lax = toyBenchmark({ parse: () => [] });
    expect(findings(lax)).toContain('[parse-errors] the broken toy/test.jsonl:2 parsed without an error');
  });
});

describe('key and wrong replies', () => {
  const choice: Item = {
    id: 'c',
    kind: 'choice',
    question: '2つ選べ。',
    choices: ['甲', '乙', '丙', '丁', '戊'],
    choose: 2,
    answer: ['a', 'c'],
  };

  it('writes the key labelled and bare', () => {
    expect(keyReplies(choice)).toEqual(['答え：A,C', 'a,c']);
    expect(keyReplies({ ...choice, kind: 'numeric', choices: [], choose: 0, answer: ['04'] })).toEqual([
      '答え：04',
      '04',
    ]);
  });

  it('makes a wrong answer that no key accepts', () => {
    expect(wrongReply(choice)).toBe('a');
    expect(wrongReply({ ...choice, answer: ['a'], choose: 1 })).toBe('b');
    expect(
      wrongReply({
        ...choice,
        answer: ['a'],
        choose: 1,
        ruling: { kind: 'alternative-keys', keys: [['b']], reason: 'either' },
      }),
    ).toBe('c');
    expect(wrongReply({ ...choice, kind: 'numeric', choices: [], choose: 0, answer: ['3.59'] })).toBe('3.50');
  });
});

describe('sampleItems', () => {
  it('keeps everything up to the size, else spreads evenly from first to last', () => {
    expect(sampleItems([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(sampleItems([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3)).toEqual([0, 5, 10]);
  });
});
