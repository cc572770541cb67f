import type { SourceFile } from '@kensa/core';

export const repository = 'huggingface:openai/MMMLU';

/**
 * The commit that uploaded the CSVs, as the hub shows it (a short hash). Its full hash is not known offline; if
 * the hub refuses the short form, pass the full hash with the `revision` option.
 */
export const defaultRevision = '64d5b3a';

export const japanesePath = 'test/mmlu_JA-JP.csv';

/** Checks a `revision` option: a commit hash, so that a run can be traced to exact bytes. */
export function checkRevision(revision: string): string {
  if (!/^[0-9a-f]{7,40}$/.test(revision)) {
    throw new Error(
      `MMMLU revision '${revision}' is not a commit hash; pass the dataset commit to read (lowercase hex, ` +
        'as shown in the history of huggingface.co/datasets/openai/MMMLU).',
    );
  }
  return revision;
}

/** The Japanese test file at a revision. */
export function japaneseTestFile(revision: string): SourceFile {
  return {
    source: 'mmmlu',
    repository,
    revision,
    path: japanesePath,
    url: `https://huggingface.co/datasets/openai/MMMLU/resolve/${revision}/${japanesePath}`,
  };
}
