import {
  benchmarkOption,
  choiceLikelihood,
  choicePromptModes,
  defineBenchmark,
  defineBenchmarkOptions,
  type Item,
  readSource,
} from '@kensa/core';
import { parseJmmluCsv } from './parse-jmmlu';
import { type JMMLUMedicalSubject, jmmluMedicalSubjects } from './subjects';
import { subjectFile } from './upstream';

export interface JMMLUMedOptions {
  /** Subjects to include; all nine medical ones by default (1,271 questions). */
  readonly subjects?: readonly JMMLUMedicalSubject[];
}

/** Bumped whenever a change can move scores (parsing, prompts, scoring). */
export const JMMLU_MED_VERSION = '1';

function selectSubjects(subjects: readonly string[]): JMMLUMedicalSubject[] {
  const known = new Set<string>(jmmluMedicalSubjects);
  const unknown = subjects.filter((subject) => !known.has(subject));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown JMMLU medical subject ${unknown.map((subject) => `'${subject}'`).join(', ')}; ` +
        `choose from ${jmmluMedicalSubjects.join(', ')}.`,
    );
  }
  if (subjects.length === 0) throw new Error('JMMLU-med needs at least one subject.');
  // Keep the canonical order whatever order the caller used, so item order and ids never depend on it.
  return jmmluMedicalSubjects.filter((subject) => subjects.includes(subject));
}

/**
 * Creates the JMMLU-med benchmark: the medical subjects of JMMLU, MMLU translated into Japanese and reviewed by
 * human translators (Waseda University), scored by accuracy like the other JMedBench-style benchmarks.
 */
export function createJMMLUMed(options: JMMLUMedOptions = {}) {
  const subjects = selectSubjects(options.subjects ?? jmmluMedicalSubjects);
  const files = subjects.map((subject) => ({ subject, file: subjectFile(subject) }));

  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'jmmlu-med',
    title: 'JMMLU — medical subjects (Japanese MMLU, nlp-waseda)',
    citation:
      'Yin, Wang, Horio, Kawahara, Sekine. Should We Respect LLMs? A Cross-Lingual Study on the Influence of ' +
      'Prompt Politeness on LLM Performance. SICon 2024. Data: github.com/nlp-waseda/JMMLU.',
    licence: 'CC BY-SA 4.0 (the JMMLU/ folder of nlp-waseda/JMMLU). Not redistributed.',
    version: JMMLU_MED_VERSION,
    sources: files.map(({ file }) => file),
    parse: (contents): Item[] =>
      files.flatMap(({ subject, file }) =>
        parseJmmluCsv(readSource(contents, file.path), file.path, subject),
      ),
    prompts: choicePromptModes,
    likelihood: choiceLikelihood,
    scoring: { kind: 'accuracy' },
    options: defineBenchmarkOptions(
      'jmmlu-med',
      {
        subjects: benchmarkOption
          .list(benchmarkOption.choice(jmmluMedicalSubjects))
          .optional()
          .describe(
            `medical subjects, comma-separated (default all nine: ${jmmluMedicalSubjects.join(',')})`,
          ),
      },
      createJMMLUMed,
    ),
  });
}

export type JMMLUMed = ReturnType<typeof createJMMLUMed>;
