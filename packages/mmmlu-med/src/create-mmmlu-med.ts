import {
  type BenchmarkOptions,
  benchmarkOption,
  choiceLikelihood,
  choicePromptModes,
  DatasetParseError,
  defineBenchmark,
  defineBenchmarkOptions,
  type Item,
  jmedbenchCitation,
  jmedbenchTestFile,
  type LikelihoodPrompt,
  type PromptContext,
  parseJmedbenchJsonl,
  readSource,
  type SourceContents,
} from '@kensa/core';
import { renderLmEvalMmmlu } from './lm-eval-mmmlu';
import { parseMmmluCsv } from './parse-mmmlu';
import { type MmluSubject, medicalSubjects, mmluSubjects } from './subjects';
import { checkRevision, defaultRevision, japaneseTestFile } from './upstream';

/** Where the questions come from. */
export type MMMLUMedDataset = 'openai-mmmlu' | 'mmlu_medical_jp';

/** What `--scoring likelihood` reproduces. */
export type MMMLUMedLikelihood = 'jmedbench' | 'lm-eval-mmmlu';

export interface MMMLUMedOptions {
  /**
   * `openai-mmmlu` (default): OpenAI's `test/mmlu_JA-JP.csv`. `mmlu_medical_jp`: JMedBench's own translation of
   * MMLU's medical subjects (`mmlu_medical_jp/test.jsonl` of `Coldog2333/JMedBench`); its benchmark id is
   * `mmlu-medical-ja`.
   */
  readonly dataset?: MMMLUMedDataset;
  /** MMLU subjects to include (`openai-mmmlu` only); the five medical ones by default (945 questions). */
  readonly subjects?: readonly MmluSubject[];
  /**
   * The commit to read (of openai/MMMLU, or of JMedBench for `mmlu_medical_jp`); defaults to the pinned one.
   * Changing it can move scores.
   */
  readonly revision?: string;
  /**
   * `jmedbench` (default): med-eval's `Standard` template (`質問：…\nA. …\n答え：`), each option's text scored.
   * `lm-eval-mmmlu` (`openai-mmmlu` only): lm-evaluation-harness's `mmmlu_ja_jp_<subject>` 0-shot — English
   * header, `Answer:`, the letters ` A`…` D` scored.
   */
  readonly likelihood?: MMMLUMedLikelihood;
  /**
   * Few-shot examples for `likelihood: 'lm-eval-mmmlu'` (lm-eval's `--num_fewshot`): the first N other rows of
   * the item's subject, in file order. 0 by default, as the task configs set no `num_fewshot`.
   */
  readonly shots?: number;
}

/** Bumped whenever a change can move scores (parsing, prompts, scoring). */
export const MMMLU_MED_VERSION = '1';

function likelihoodRenderer(
  mode: MMMLUMedLikelihood,
  shots: number,
): { render(item: Item, context?: PromptContext): LikelihoodPrompt } {
  if (mode === 'lm-eval-mmmlu') {
    return {
      render: (item, context) => renderLmEvalMmmlu(item, { shots, examples: context?.examples ?? [] }),
    };
  }
  if (mode !== 'jmedbench') {
    throw new Error(`Unknown likelihood template '${String(mode)}'; use 'jmedbench' or 'lm-eval-mmmlu'.`);
  }
  if (shots !== 0) throw new Error("The shots option applies to likelihood 'lm-eval-mmmlu' only.");
  return choiceLikelihood;
}

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
 * (`test/mmlu_JA-JP.csv`), restricted to the medical subjects; or, with `dataset: 'mmlu_medical_jp'`, JMedBench's
 * translation of MMLU's medical subjects.
 */
export function createMMMLUMed(options: MMMLUMedOptions = {}) {
  const dataset = options.dataset ?? 'openai-mmmlu';
  const likelihoodMode = options.likelihood ?? 'jmedbench';
  const shots = options.shots ?? 0;
  if (!Number.isInteger(shots) || shots < 0)
    throw new Error(`shots must be a whole number ≥ 0, not ${shots}.`);
  const likelihood = likelihoodRenderer(likelihoodMode, shots);
  if (dataset === 'mmlu_medical_jp') return createMmluMedicalJa(options, likelihoodMode);
  if (dataset !== 'openai-mmmlu') {
    throw new Error(
      `Unknown MMMLU-med dataset '${String(dataset)}'; use 'openai-mmmlu' or 'mmlu_medical_jp'.`,
    );
  }
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
    parse,
    // lm-eval's few-shot pool is the test split itself (`fewshot_split: test`): the same parsed rows.
    ...(shots === 0 ? {} : { examples: fewshotPool }),
    prompts: choicePromptModes,
    likelihood,
    scoring: { kind: 'accuracy' },
    options: mmmluMedOptions,
  });

  /** The few-shot pool; every subject needs `shots` rows besides the one asked. */
  function fewshotPool(contents: SourceContents): Item[] {
    const items = parse(contents);
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.category ?? '', (counts.get(item.category ?? '') ?? 0) + 1);
    const short = [...counts].filter(([, count]) => count <= shots);
    if (short.length > 0) {
      throw new DatasetParseError({
        file: file.path,
        message:
          `has too few questions for shots=${shots} (each subject needs ${shots + 1}): ` +
          `${short.map(([subject, count]) => `${subject} has ${count}`).join(', ')}; lower the shots option.`,
      });
    }
    return items;
  }

  function parse(contents: SourceContents): Item[] {
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
  }
}

/** JMedBench's `mmlu_medical_jp`: same JSONL layout as its other MCQA subsets, read with core's helpers. */
function createMmluMedicalJa(options: MMMLUMedOptions, likelihoodMode: MMMLUMedLikelihood) {
  if (options.subjects !== undefined) {
    throw new Error(
      "The subjects option applies to dataset 'openai-mmmlu' only; mmlu_medical_jp is read whole.",
    );
  }
  if (likelihoodMode === 'lm-eval-mmmlu') {
    throw new Error(
      "The 'lm-eval-mmmlu' likelihood template reproduces lm-eval's tasks on openai/MMMLU; with dataset " +
        "mmlu_medical_jp use 'jmedbench' (med-eval's template).",
    );
  }
  const file = jmedbenchTestFile('mmlu_medical_jp', options.revision);
  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'mmlu-medical-ja',
    title: 'MMLU medical subjects in Japanese — JMedBench mmlu_medical_jp',
    citation: jmedbenchCitation(
      'Hendrycks, Burns, Basart, Zou, Mazeika, Song, Steinhardt. Measuring Massive ' +
        'Multitask Language Understanding. ICLR 2021.',
    ),
    licence: 'MIT (MMLU; as listed for this subset in the JMedBench dataset card).',
    version: MMMLU_MED_VERSION,
    sources: [file],
    parse: (contents): Item[] =>
      parseJmedbenchJsonl(readSource(contents, file.path), file.path, { idPrefix: 'mmlu-medical-ja:' }),
    prompts: choicePromptModes,
    likelihood: choiceLikelihood,
    scoring: { kind: 'accuracy' },
    options: mmmluMedOptions,
  });
}

const mmmluMedOptions: BenchmarkOptions = defineBenchmarkOptions(
  'mmmlu-med',
  {
    dataset: benchmarkOption
      .choice(['openai-mmmlu', 'mmlu_medical_jp'])
      .optional()
      .describe(
        "'openai-mmmlu' (default, OpenAI's test/mmlu_JA-JP.csv) or 'mmlu_medical_jp' (JMedBench's subset; id mmlu-medical-ja)",
      ),
    subjects: benchmarkOption
      .list(benchmarkOption.choice(mmluSubjects))
      .optional()
      .describe(`MMLU subjects, comma-separated (default: ${medicalSubjects.join(',')}); openai-mmmlu only`),
    revision: benchmarkOption
      .string()
      .optional()
      .describe('commit to read (openai/MMMLU, or JMedBench for mmlu_medical_jp; default: the pinned one)'),
    shots: benchmarkOption
      .integer()
      .optional()
      .describe("few-shot examples for likelihood 'lm-eval-mmmlu' (lm-eval's --num_fewshot; default 0)"),
    likelihood: benchmarkOption
      .choice(['jmedbench', 'lm-eval-mmmlu'])
      .optional()
      .describe(
        "--scoring likelihood template: 'jmedbench' (default, med-eval: option texts) or 'lm-eval-mmmlu' " +
          '(lm-evaluation-harness mmmlu_ja_jp_*: English header, letters " A".." D")',
      ),
  },
  (values) => createMMMLUMed(values),
);

export type MMMLUMed = ReturnType<typeof createMMMLUMed>;
