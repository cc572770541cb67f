import { defineBenchmark, type Item, readSource } from '@kensa/core';
import { parseIgakuQA119 } from './parse-igakuqa119';
import { igakuqa119Rules } from './pass-lines';
import { fewShotExamples, fewShotSource, parsePredictions, promptModes, selectBlocks } from './shared-parts';
import {
  igakuqa119BlockPath,
  igakuqa119File,
  igakuqa119Image,
  igakuqa119ImagePaths,
  igakuqa119KeyPath,
} from './upstream';

export interface IgakuQA119Options {
  /** Blocks to include ('A'–'F'); all by default. Leaving a block out makes the exam incomplete (no pass/fail). */
  readonly blocks?: readonly string[];
}

/** Bumped whenever a change can move scores (parsing, repairs, rulings, prompts, points). */
export const IGAKUQA119_VERSION = '1';

/** Creates the 119th national medical licensing exam (2025) from IgakuQA119. */
export function createIgakuQA119(options: IgakuQA119Options = {}) {
  const blocks = selectBlocks('119', options.blocks);
  const imagePaths = igakuqa119ImagePaths.filter((path) =>
    blocks.includes(path.slice('images/119'.length, 'images/119'.length + 1)),
  );
  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'igakuqa119',
    title: 'IgakuQA119: the 119th Japanese national medical licensing exam (2025)',
    citation:
      'Naoto Iwase. IgakuQA119: LLM evaluation on the 119th Japanese Medical Licensing Examination. github.com/naoto-iwase/IgakuQA119, 2025 (data curated by Daichi Nagashima, nmle-rta).',
    licence:
      'Data CC BY 4.0 (questions and images, from the exam published by the Ministry of Health, Labour and Welfare); code MIT.',
    version: IGAKUQA119_VERSION,
    sources: [
      ...blocks.map((block) => igakuqa119File(igakuqa119BlockPath(block))),
      igakuqa119File(igakuqa119KeyPath),
      fewShotSource,
    ],
    imageSources: imagePaths.map(igakuqa119Image),
    parse(contents): Item[] {
      return parseIgakuQA119(
        {
          blocks: blocks.map((block) => {
            const file = igakuqa119BlockPath(block);
            return { block, file, text: readSource(contents, file) };
          }),
          keyFile: igakuqa119KeyPath,
          key: readSource(contents, igakuqa119KeyPath),
          imagePaths,
        },
        igakuqa119Rules.rulings ?? {},
      );
    },
    examples: fewShotExamples,
    prompts: promptModes,
    scoring: { kind: 'exam', rules: [igakuqa119Rules], examOf: (item: Item) => item.exam ?? '' },
    predictions: { parse: parsePredictions, match: 'exact' },
  });
}

export type IgakuQA119 = ReturnType<typeof createIgakuQA119>;
