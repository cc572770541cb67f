import {
  benchmarkOption,
  choiceLikelihood,
  choicePromptModes,
  defineBenchmark,
  defineBenchmarkOptions,
  type Item,
  jmedbenchCitation,
  jmedbenchRevisionOption,
  jmedbenchTestFile,
  parseJmedbenchJsonl,
  readSource,
} from '@kensa/core';

/** The JMedBench subsets this plugin reads. */
export type MedQAJaSubset = 'medqa_jp' | 'usmleqa_jp';

export interface MedQAJaOptions {
  /**
   * `medqa_jp` (default): MedQA-USMLE with 5 options, 1,273 test questions. `usmleqa_jp`: the 4-option
   * version of the same exam questions; its benchmark id is `usmleqa-ja`.
   */
  readonly subset?: MedQAJaSubset;
  /** The JMedBench commit to read; defaults to the pinned one. Changing it can move scores. */
  readonly revision?: string;
}

/** Bumped whenever a change can move scores (parsing, prompts, scoring). */
export const MEDQA_JA_VERSION = '1';

const variants = {
  medqa_jp: { id: 'medqa-ja', title: 'MedQA (USMLE, 5 options) in Japanese — JMedBench medqa_jp' },
  usmleqa_jp: { id: 'usmleqa-ja', title: 'MedQA (USMLE, 4 options) in Japanese — JMedBench usmleqa_jp' },
} as const;

/** Creates the MedQA-ja benchmark: USMLE-style clinical questions translated into Japanese by JMedBench. */
export function createMedQAJa(options: MedQAJaOptions = {}) {
  const subset = options.subset ?? 'medqa_jp';
  const variant = variants[subset];
  if (variant === undefined) {
    throw new Error(`Unknown MedQA-ja subset '${String(subset)}'; use 'medqa_jp' or 'usmleqa_jp'.`);
  }
  const file = jmedbenchTestFile(subset, options.revision);

  return defineBenchmark({
    specificationVersion: 'v1',
    id: variant.id,
    title: variant.title,
    citation: jmedbenchCitation(
      'Jin, Pan, Oufattole, Weng, Fang, Szolovits. What Disease does this Patient ' +
        'Have? A Large-scale Open Domain Question Answering Dataset from Medical Exams. Applied Sciences 11(14), 2021.',
    ),
    licence: 'MIT (MedQA; as listed for this subset in the JMedBench dataset card).',
    version: MEDQA_JA_VERSION,
    sources: [file],
    parse: (contents): Item[] =>
      parseJmedbenchJsonl(readSource(contents, file.path), file.path, { idPrefix: `${variant.id}:` }),
    prompts: choicePromptModes,
    likelihood: choiceLikelihood,
    scoring: { kind: 'accuracy' },
    options: defineBenchmarkOptions(
      'medqa-ja',
      {
        subset: benchmarkOption
          .choice(['medqa_jp', 'usmleqa_jp'])
          .optional()
          .describe(
            "JMedBench subset: 'medqa_jp' (default, 5 options) or 'usmleqa_jp' (4 options; id usmleqa-ja)",
          ),
        revision: jmedbenchRevisionOption(),
      },
      createMedQAJa,
    ),
  });
}

export type MedQAJa = ReturnType<typeof createMedQAJa>;
