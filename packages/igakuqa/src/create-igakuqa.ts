import {
  defineBenchmark,
  defineBenchmarkOptions,
  examPromptModes,
  type Item,
  readSource,
  renderExamPrompt,
} from '@kensa/core';
import {
  blocks as allBlocks,
  exams as allExams,
  fewShotPath,
  metadataPath,
  predictionPath,
  questionPath,
} from './exams';
import { parseFewShotExamples } from './few-shot';
import { igakuqaOptionFields } from './options';
import { parseBlock } from './parse-block';
import { passLines } from './pass-lines';
import { parsePredictionFile } from './prediction-file';
import { type RulingSet, rulingsFor } from './rulings';
import { upstreamFile } from './upstream';

export interface IgakuQAOptions {
  /** Years to include (2018–2022); all by default. */
  readonly years?: readonly number[];
  /** Exams to include by number ('112'–'116'); all by default. */
  readonly exams?: readonly string[];
  /** Blocks to include ('A'–'F'); all by default. Leaving a block out makes its exam incomplete (no pass/fail). */
  readonly blocks?: readonly string[];
  /** Leave out questions whose printed version has an image the data does not include. */
  readonly excludeImages?: boolean;
  /** `paper` (default) reproduces the published scores; `ministry` adds the 116th exam's partial exclusions. */
  readonly rulings?: RulingSet;
}

/** Prediction files the paper published at the pinned commit. */
export const publishedPredictionNames = [
  'gpt4',
  'chatgpt',
  'gpt3',
  'student-majority',
  'translate_chatgpt-en',
] as const;

export const IGAKUQA_VERSION = '1';

const promptDescriptions = {
  '3shot': "the paper's chat prompt with three worked examples, answer only (byte-identical to IgakuQA)",
  '3shot-explain':
    'the same examples answered with their explanations; the model explains before its final 答え: line',
  '0shot': 'the question alone',
} as const;

function selectBlocks(options: IgakuQAOptions) {
  const known = new Set<string>(allBlocks);
  for (const block of options.blocks ?? []) {
    if (!known.has(block)) throw new Error(`Unknown IgakuQA block '${block}'; blocks are A–F.`);
  }
  const exams = allExams.filter(
    ({ exam, year }) =>
      (options.years === undefined || options.years.includes(year)) &&
      (options.exams === undefined || options.exams.includes(exam)),
  );
  if (exams.length === 0) {
    throw new Error(
      'No IgakuQA exam matches the selected years/exams; IgakuQA has exams 112–116 (2018–2022).',
    );
  }
  const blocks = allBlocks.filter((block) => options.blocks === undefined || options.blocks.includes(block));
  return exams.flatMap(({ exam, year }) => blocks.map((block) => ({ exam, year, block })));
}

/** Creates the IgakuQA benchmark: the 112th–116th Japanese national medical licensing exams. */
export function createIgakuQA(options: IgakuQAOptions = {}) {
  const selected = selectBlocks(options);
  const rulings = rulingsFor(options.rulings ?? 'paper');
  const sources = [
    ...selected.flatMap(({ exam, year, block }) => [
      upstreamFile(questionPath(year, exam, block)),
      upstreamFile(metadataPath(year, exam, block)),
    ]),
    upstreamFile(fewShotPath),
  ];

  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'igakuqa',
    title: 'IgakuQA: Japanese national medical licensing exams 2018–2022',
    citation:
      'Kasai, Kasai, Sakaguchi, Yamada, Radev. Evaluating GPT-4 and ChatGPT on Japanese Medical Licensing Examinations. arXiv:2303.18027, 2023.',
    licence:
      'No licence stated upstream; the questions are exams published by the Ministry of Health, Labour and Welfare.',
    version: IGAKUQA_VERSION,
    sources,
    parse(contents): Item[] {
      const items = selected.flatMap(({ exam, year, block }) => {
        const questionsFile = questionPath(year, exam, block);
        const metadataFile = metadataPath(year, exam, block);
        return parseBlock(
          {
            exam,
            year,
            block,
            questionsFile,
            questions: readSource(contents, questionsFile),
            metadataFile,
            metadata: readSource(contents, metadataFile),
          },
          rulings,
        );
      });
      return options.excludeImages ? items.filter((item) => !item.hasImage) : items;
    },
    /** The three worked examples (100th exam) of the paper's 3-shot prompts. */
    examples(contents): Item[] {
      return parseFewShotExamples(readSource(contents, fewShotPath), fewShotPath);
    },
    prompts: examPromptModes.map((mode) => ({
      id: mode,
      description: promptDescriptions[mode],
      render: (item: Item, context: { examples: readonly Item[] }) =>
        renderExamPrompt(item, mode, mode === '0shot' ? [] : context.examples),
    })),
    scoring: {
      kind: 'exam',
      rules: passLines,
      examOf: (item: Item) => item.exam ?? '',
    },
    predictions: {
      parse: parsePredictionFile,
      match: 'exact',
      published: {
        names: publishedPredictionNames,
        sources: (name: string) =>
          selected.map(({ exam, year, block }) => upstreamFile(predictionPath(year, exam, block, name))),
      },
    },
    options: defineBenchmarkOptions('igakuqa', igakuqaOptionFields, createIgakuQA),
  });
}

export type IgakuQA = ReturnType<typeof createIgakuQA>;
