import {
  type Benchmark,
  choiceLikelihood,
  choicePromptModes,
  defineBenchmark,
  parseJmedbenchJsonl,
  readSource,
} from '@kensa/core';

export const toyPath = 'toy/test.jsonl';

/** Three questions in JMedBench's format; line 2 is the one tests break. */
export const toyText = [
  '{"sample_id": "1", "question": "インスリンを分泌する細胞はどれか。", "options": ["膵β細胞", "膵α細胞", "肝細胞", "腎尿細管上皮"], "answer_idx": 0, "n_options": 4, "metadata": {}}',
  '{"sample_id": "2", "question": "ビタミンB12の吸収に必要な因子はどれか。", "options": ["胆汁酸", "内因子", "ペプシン", "トリプシン"], "answer_idx": 1, "n_options": 4, "metadata": {}}',
  '{"sample_id": "3", "question": "成人の正常な安静時心拍数に最も近いのはどれか。", "options": ["30回/分", "45回/分", "70回/分", "140回/分"], "answer_idx": 2, "n_options": 4, "metadata": {}}',
  '',
].join('\n');

const revision = '0123456789abcdef0123456789abcdef01234567';

/** A minimal accuracy benchmark built only from core's public helpers. */
export function toyBenchmark(overrides: Partial<Benchmark> = {}): Benchmark {
  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'toy-bench',
    title: 'Toy benchmark',
    citation: 'Nobody. A toy benchmark. 2025.',
    licence: 'CC0-1.0',
    version: '1',
    sources: [
      {
        source: 'toy',
        repository: 'github:example/toy',
        revision,
        path: toyPath,
        url: `https://raw.githubusercontent.com/example/toy/${revision}/${toyPath}`,
      },
    ],
    parse: (contents) => parseJmedbenchJsonl(readSource(contents, toyPath), toyPath, { idPrefix: 'toy:' }),
    prompts: choicePromptModes,
    likelihood: choiceLikelihood,
    scoring: { kind: 'accuracy' },
    ...overrides,
  });
}

export const toyContents = new Map([[toyPath, toyText]]);
