import { DatasetParseError, defineBenchmark, type Item, readSource } from '@kensa/core';
import { jmle2026ImageSha256 } from './image-sha256';
import { parseJmle2026 } from './parse-jmle2026';
import { jmle2026Rules } from './pass-lines';
import { fewShotExamples, fewShotSource, parsePredictions, promptModes, selectBlocks } from './shared-parts';
import { isPinnedJmle2026Image, jmle2026Dataset, jmle2026DatasetPath, jmle2026Image } from './upstream';

export interface Jmle2026Options {
  /** Blocks to include ('A'–'F'); all by default. Leaving a block out makes the exam incomplete (no pass/fail). */
  readonly blocks?: readonly string[];
}

/** Bumped whenever a change can move scores (parsing, pass lines, prompts, points). */
export const JMLE2026_VERSION = '1';

/** Creates the 120th national medical licensing exam (2026) from JMLE2026-Bench; the key is not yet official. */
export function createJmle2026(options: Jmle2026Options = {}) {
  const blocks = selectBlocks('120', options.blocks);
  const imagePaths = Object.keys(jmle2026ImageSha256).filter((path) =>
    blocks.includes(path.slice('images/120'.length, 'images/120'.length + 1)),
  );
  return defineBenchmark({
    specificationVersion: 'v1',
    id: 'jmle2026',
    title: 'JMLE2026-Bench: the 120th Japanese national medical licensing exam (2026, provisional key)',
    citation: 'Naoto Iwase. JMLE2026-Bench. github.com/naoto-iwase/JMLE2026-Bench, 2026.',
    licence:
      'Dataset CC BY 4.0 (the exam is published by the Ministry of Health, Labour and Welfare under PDL 1.0); code MIT.',
    version: JMLE2026_VERSION,
    sources: [jmle2026Dataset, fewShotSource],
    imageSources: imagePaths.map(jmle2026Image),
    parse(contents): Item[] {
      return parseJmle2026(
        readSource(contents, jmle2026DatasetPath),
        jmle2026DatasetPath,
        blocks,
        (name, file, line) => {
          const path = `images/${name}`;
          if (!isPinnedJmle2026Image(path)) {
            throw new DatasetParseError({
              file,
              line,
              message: `image ${name} is not one of the pinned image files`,
            });
          }
          return path;
        },
      );
    },
    examples: fewShotExamples,
    prompts: promptModes,
    scoring: { kind: 'exam', rules: [jmle2026Rules], examOf: (item: Item) => item.exam ?? '' },
    predictions: { parse: parsePredictions, match: 'exact' },
  });
}

export type Jmle2026 = ReturnType<typeof createJmle2026>;
