import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExamReport, Item } from '@kensa/core';

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

export interface ScoreRunDescription {
  readonly benchmark: string;
  readonly benchmarkVersion: string;
  readonly match: string;
  /** Where the predictions came from: files with their SHA-256, or a published name. */
  readonly predictions: {
    readonly published?: string;
    readonly files?: readonly { path: string; sha256: string }[];
  };
  readonly kensaVersion: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Writes a scored set of predictions as a run folder: `manifest.json` (what was scored and how),
 * `items.jsonl` (one line per item: prediction, what was read, verdict, points) and `summary.json`, so every
 * number in a report can be traced to the prediction that produced it.
 */
export async function writeScoreRunFolder(
  directory: string,
  description: ScoreRunDescription,
  items: readonly Item[],
  explanations: ReadonlyMap<string, string>,
  report: ExamReport,
  summary: unknown,
): Promise<void> {
  await mkdir(directory, { recursive: true });
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const lines = report.scores.map((score) => {
    const item = itemsById.get(score.id);
    return JSON.stringify({
      id: score.id,
      exam: item?.exam,
      year: item?.year,
      block: item?.block,
      key: item?.answer,
      prediction: score.prediction ?? null,
      explanation: explanations.get(score.id) ?? null,
      extracted: score.extracted ?? null,
      verdict: score.verdict,
      correct: score.correct,
      earned: score.earned,
      possible: score.possible,
      counted: score.counted,
      kinkiPicked: score.kinkiPicked,
      note: score.note,
    });
  });
  await writeAtomically(
    join(directory, 'manifest.json'),
    `${JSON.stringify({ kind: 'score', createdAt: new Date().toISOString(), ...description }, null, 2)}\n`,
  );
  await writeAtomically(join(directory, 'items.jsonl'), `${lines.join('\n')}\n`);
  await writeAtomically(join(directory, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
}
