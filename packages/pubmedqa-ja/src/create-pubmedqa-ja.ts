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

export interface PubMedQAJaOptions {
  /** The JMedBench commit to read; defaults to the pinned one. Changing it can move scores. */
  readonly revision?: string;
}

/** Bumped whenever a change can move scores (parsing, prompts, scoring). */
export const PUBMEDQA_JA_VERSION = '1';

/**
 * Creates the PubMedQA-ja benchmark: a research question about a PubMed abstract (要旨), answered yes, no or
 * maybe, translated into Japanese by JMedBench. The abstract (`metadata.context`) becomes the item's `context`.
 */
export function createPubMedQAJa(options: PubMedQAJaOptions = {}) {
  const file = jmedbenchTestFile('pubmedqa_jp', options.revision);

  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'pubmedqa-ja',
    title: 'PubMedQA in Japanese — JMedBench pubmedqa_jp',
    citation: jmedbenchCitation(
      'Jin, Dhingra, Liu, Cohen, Lu. PubMedQA: A Dataset for Biomedical Research ' +
        'Question Answering. EMNLP-IJCNLP 2019.',
    ),
    licence: 'MIT (PubMedQA; as listed for this subset in the JMedBench dataset card).',
    version: PUBMEDQA_JA_VERSION,
    sources: [file],
    parse: (contents): Item[] =>
      parseJmedbenchJsonl(readSource(contents, file.path), file.path, { idPrefix: 'pubmedqa-ja:' }),
    prompts: choicePromptModes,
    likelihood: choiceLikelihood,
    scoring: { kind: 'accuracy' },
    options: defineBenchmarkOptions(
      'pubmedqa-ja',
      {
        revision: jmedbenchRevisionOption(),
      },
      createPubMedQAJa,
    ),
  });
}

export type PubMedQAJa = ReturnType<typeof createPubMedQAJa>;
