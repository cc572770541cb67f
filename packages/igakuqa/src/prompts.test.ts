// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSharedSources, sharedDataDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { igakuqa } from './index';

interface RawQuestion {
  problem_id: string;
  problem_text: string;
  choices: string[];
  answer: string[];
}

function readRaw(relativePath: string): RawQuestion[] {
  const text = readFileSync(path.join(sharedDataDir(), 'igakuqa', relativePath), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

// A line-by-line transcription of `create_input` and `dict2problem` in the paper's
// scripts/generation/chatgpt.py (pinned commit), written independently of Kensa's template. Note that the
// original takes N from the key (`len(answer)`); Kensa takes it from the stem, so equality here also proves
// the stem gives the same N.
function originalMessages(prompt: RawQuestion[], question: RawQuestion) {
  const dict2problem = (input: RawQuestion, demo: boolean) => {
    let problem = `問題: ${input.problem_text}`;
    if (input.choices.length > 0) {
      input.choices.forEach((choice, index) => {
        problem = `${problem}\n${'abcdefghijklmnopqrstuvwxyz'[index]}: ${choice}`;
      });
      problem = `${problem}\n必ずa,b,c,d,eの中からちょうど${input.answer.length}個選んでください。`;
      problem = `${problem}\n答え:`;
    }
    const output = [{ role: 'user', content: problem }];
    if (!demo) return output;
    output.push({ role: 'assistant', content: input.answer.join(',') });
    return output;
  };
  const messages = [{ role: 'system', content: '医師国家試験を解きます。' }];
  for (const example of prompt) messages.push(...dict2problem(example, true));
  messages.push(...dict2problem(question, false));
  return messages;
}

const contents = readSharedSources(igakuqa.sources);
const items = igakuqa.parse(contents);
const examples = igakuqa.examples(contents);
const mode = (id: string) => {
  const found = igakuqa.prompts.find((prompt) => prompt.id === id);
  if (found === undefined) throw new Error(`no mode ${id}`);
  return found;
};

describe('igakuqa prompts', () => {
  it('offers 3shot (default), 3shot-explain and 0shot', () => {
    expect(igakuqa.prompts.map((prompt) => prompt.id)).toEqual(['3shot', '3shot-explain', '0shot']);
    expect(examples.map((example) => example.id)).toEqual(['100E5', '100A60', '100A1']);
  });

  it('renders 3shot byte-identical to the paper for all 2,000 questions', () => {
    const prompt = readRaw('scripts/prompts/prompt.jsonl');
    const raw = igakuqa.sources
      .filter((file) => /data\/\d+\/\d+-[A-F]\.jsonl$/.test(file.path))
      .flatMap((file) => readRaw(file.path));
    expect(raw).toHaveLength(2000);
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const question of raw) {
      const item = byId.get(question.problem_id);
      if (item === undefined) throw new Error(`missing ${question.problem_id}`);
      const rendered = mode('3shot').render(item, { examples });
      expect(JSON.stringify(rendered.messages)).toBe(JSON.stringify(originalMessages(prompt, question)));
    }
  });

  it('renders 3shot-explain with each example explained and a final answer line', () => {
    const item = items.find((candidate) => candidate.id === '112A1');
    if (item === undefined) throw new Error('missing 112A1');
    const { messages, template } = mode('3shot-explain').render(item, { examples });
    expect(template).toBe('exam-3shot-explain/1');
    expect(messages).toHaveLength(8);
    expect(messages[2]?.content).toBe(`${examples[0]?.explanation}\n答え: e`);
    expect(messages[4]?.content.endsWith('\n答え: a,b')).toBe(true);
    expect(messages[7]?.content).toContain(
      '必ずa,b,c,d,eの中からちょうど1個選んでください。\nまず解説を順を追って書き',
    );
    expect(messages[7]?.content).not.toMatch(/\n答え:$/);
  });

  it('renders 0shot as the system message and the question', () => {
    const item = items.find((candidate) => candidate.id === '112C66');
    if (item === undefined) throw new Error('missing 112C66');
    const { messages } = mode('0shot').render(item, { examples });
    expect(messages).toHaveLength(2);
    expect(messages[1]?.content).toBe(`問題: ${item.question}`);
  });
});
