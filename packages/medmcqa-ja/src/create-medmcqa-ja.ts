import {
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

export interface MedMCQAJaOptions {
  /** The JMedBench commit to read; defaults to the pinned one. Changing it can move scores. */
  readonly revision?: string;
}

/** Bumped whenever a change can move scores (parsing, prompts, scoring). */
export const MEDMCQA_JA_VERSION = '1';

/** Creates the MedMCQA-ja benchmark: Indian medical entrance exam questions translated into Japanese. */
export function createMedMCQAJa(options: MedMCQAJaOptions = {}) {
  const file = jmedbenchTestFile('medmcqa_jp', options.revision);

  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'medmcqa-ja',
    title: 'MedMCQA in Japanese — JMedBench medmcqa_jp',
    citation: jmedbenchCitation(
      'Pal, Umapathi, Sankarasubbu. MedMCQA: A Large-scale Multi-Subject ' +
        'Multi-Choice Dataset for Medical domain Question Answering. CHIL 2022, PMLR 174.',
    ),
    licence: 'MIT (MedMCQA; as listed for this subset in the JMedBench dataset card).',
    version: MEDMCQA_JA_VERSION,
    sources: [file],
    parse: (contents): Item[] =>
      parseJmedbenchJsonl(readSource(contents, file.path), file.path, { idPrefix: 'medmcqa-ja:' }),
    prompts: choicePromptModes,
    likelihood: choiceLikelihood,
    scoring: { kind: 'accuracy' },
    options: defineBenchmarkOptions(
      'medmcqa-ja',
      {
        revision: jmedbenchRevisionOption(),
      },
      createMedMCQAJa,
    ),
  });
}

export type MedMCQAJa = ReturnType<typeof createMedMCQAJa>;
