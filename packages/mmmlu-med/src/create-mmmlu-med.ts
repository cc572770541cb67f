import {
  benchmarkOption,
  choiceLikelihood,
  choicePromptModes,
  DatasetParseError,
  defineBenchmark,
  defineBenchmarkOptions,
  type Item,
  readSource,
} from '@kensa/core';
import { parseMmmluCsv } from './parse-mmmlu';
import { type MmluSubject, medicalSubjects, mmluSubjects } from './subjects';
import { checkRevision, defaultRevision, japaneseTestFile } from './upstream';

export interface MMMLUMedOptions {
  /** MMLU subjects to include; the five medical ones by default (945 questions). */
  readonly subjects?: readonly MmluSubject[];
  /** The openai/MMMLU commit to read; defaults to the pinned one. Changing it can move scores. */
  readonly revision?: string;
}

/** Bumped whenever a change can move scores (parsing, prompts, scoring). */
export const MMMLU_MED_VERSION = '1';

function selectSubjects(subjects: readonly string[]): Set<string> {
  const known = new Set<string>(mmluSubjects);
  const unknown = subjects.filter((subject) => !known.has(subject));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown MMLU subject ${unknown.map((subject) => `'${subject}'`).join(', ')}; subjects are the 57 MMLU ` +
        `names in snake_case, e.g. ${medicalSubjects.join(', ')}.`,
    );
  }
  if (subjects.length === 0) throw new Error('MMMLU-med needs at least one subject.');
  return new Set(subjects);
}

/**
 * Creates the MMMLU-med benchmark: OpenAI's professional Japanese translation of MMLU's test set
 * (`test/mmlu_JA-JP.csv`), restricted to the medical subjects.
 */
export function createMMMLUMed(options: MMMLUMedOptions = {}) {
  const subjects = selectSubjects(options.subjects ?? medicalSubjects);
  const file = japaneseTestFile(checkRevision(options.revision ?? defaultRevision));

  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'mmmlu-med',
    title: 'MMMLU (Japanese) — medical subjects of MMLU, professionally translated by OpenAI',
    citation:
      'OpenAI. MMMLU: Multilingual Massive Multitask Language Understanding. Hugging Face dataset openai/MMMLU, ' +
      '2024. Original: Hendrycks, Burns, Basart, Zou, Mazeika, Song, Steinhardt. Measuring Massive Multitask ' +
      'Language Understanding. ICLR 2021.',
    licence: 'MIT (openai/MMMLU dataset card).',
    version: MMMLU_MED_VERSION,
    sources: [file],
    parse(contents): Item[] {
      const items = parseMmmluCsv(readSource(contents, file.path), file.path, subjects);
      const found = new Set(items.map((item) => item.category));
      const missing = [...subjects].filter((subject) => !found.has(subject));
      if (missing.length > 0) {
        throw new DatasetParseError({
          file: file.path,
          message: `has no questions in ${missing.join(', ')}; check the subjects option and the file.`,
        });
      }
      return items;
    },
    prompts: choicePromptModes,
    likelihood: choiceLikelihood,
    scoring: { kind: 'accuracy' },
    options: defineBenchmarkOptions(
      'mmmlu-med',
      {
        subjects: benchmarkOption
          .list(benchmarkOption.choice(mmluSubjects))
          .optional()
          .describe(`MMLU subjects, comma-separated (default: ${medicalSubjects.join(',')})`),
        revision: benchmarkOption
          .string()
          .optional()
          .describe('openai/MMMLU commit to read (default: the pinned one); changing it can move scores'),
      },
      createMMMLUMed,
    ),
  });
}

export type MMMLUMed = ReturnType<typeof createMMMLUMed>;
