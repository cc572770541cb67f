import { benchmarkOption } from './benchmark-options';
import type { SourceFile } from './source-file';

export const jmedbenchRepository = 'huggingface:Coldog2333/JMedBench';

/**
 * A JMedBench subset's citation: JMedBench itself, then the work the subset translates (`original`), e.g.
 * `'Pal, Umapathi, Sankarasubbu. MedMCQA: … CHIL 2022, PMLR 174.'`.
 */
export function jmedbenchCitation(original: string): string {
  return (
    'Jiang, Huang, Aizawa. JMedBench: A Benchmark for Evaluating Japanese Biomedical Large Language Models. ' +
    `COLING 2025. Original data: ${original}`
  );
}

/** The JMedBench commit (Hugging Face dataset `Coldog2333/JMedBench`) the test files are read at by default. */
export const jmedbenchRevision = 'b6acb5195050bf36e146b51cd2744a5d6638abd1';

/** Checks a `revision` option: a commit hash, so that a run can be traced to exact bytes. */
export function checkJmedbenchRevision(revision: string): string {
  if (!/^[0-9a-f]{7,40}$/.test(revision)) {
    throw new Error(
      `JMedBench revision '${revision}' is not a commit hash; pass the dataset commit to read (40 lowercase ` +
        'hex digits, as shown in the history of huggingface.co/datasets/Coldog2333/JMedBench).',
    );
  }
  return revision;
}

/** The test file of one JMedBench subset (`medqa_jp`, `pubmedqa_jp`, …) at a revision, checked to be a commit hash. */
export function jmedbenchTestFile(subset: string, revision: string = jmedbenchRevision): SourceFile {
  checkJmedbenchRevision(revision);
  const path = `${subset}/test.jsonl`;
  return {
    source: 'jmedbench',
    repository: jmedbenchRepository,
    revision,
    path,
    url: `https://huggingface.co/datasets/Coldog2333/JMedBench/resolve/${revision}/${path}`,
  };
}

/** The `revision` option (`-T revision=<commit>`) every JMedBench plugin takes. */
export function jmedbenchRevisionOption() {
  return benchmarkOption
    .string()
    .optional()
    .describe('JMedBench commit to read (default: the pinned one); changing it can move scores');
}
