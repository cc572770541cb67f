// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import path from 'node:path';
import { createRegistry } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';
import { disabledResponseCache, evaluate, resolveModel } from '@kensa/runner';
import { readSharedSources, temporaryDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { loadRun, runFromRecords } from './load-run';
import { buildReportModel } from './report-model';
import { scoreEvaluation } from './score-evaluation';

const contents = readSharedSources(igakuqa.sources);
const allItems = igakuqa.parse(contents);

async function evaluated(count: number) {
  const runDir = path.join(await temporaryDir('kensa-report-'), 'run');
  const items = allItems.slice(0, count);
  const result = await evaluate({
    benchmarkId: igakuqa.id,
    benchmarkVersion: igakuqa.version,
    items,
    examples: igakuqa.examples?.(contents) ?? [],
    mode: igakuqa.prompts[0] as (typeof igakuqa.prompts)[number],
    model: resolveModel({ model: 'baseline:examinee-majority' }),
    cache: disabledResponseCache(),
    runDir,
  });
  return { runDir, items, result };
}

describe('runFromRecords', () => {
  it("uses an evaluation's own scores (one scoring pass) and reports exactly what re-reading the folder reports", async () => {
    const { runDir, items, result } = await evaluated(150);
    const scored = scoreEvaluation(igakuqa, items, result.records);
    const inMemory = runFromRecords({
      directory: runDir,
      manifest: result.manifest,
      benchmark: igakuqa,
      items: allItems,
      records: result.records,
      result: scored,
    });
    expect(inMemory.result).toBe(scored);

    const fromDisk = await loadRun(runDir, {
      registry: createRegistry([igakuqa]),
      loadItems: async () => allItems,
    });
    expect(fromDisk.result).not.toBe(scored);
    const options = { generatedAt: '2026-12-01T00:00:00.000Z', bootstrapSamples: 200 };
    expect(buildReportModel([inMemory], options)).toEqual(buildReportModel([fromDisk], options));
    expect(inMemory.scores.length).toBe(150);
  });

  it('re-scores when the scores do not cover exactly the answered items (an interrupted run)', async () => {
    const { runDir, items, result } = await evaluated(40);
    const scored = scoreEvaluation(igakuqa, items, result.records);
    const answered = result.records.slice(0, 25);
    const run = runFromRecords({
      directory: runDir,
      manifest: result.manifest,
      benchmark: igakuqa,
      items: allItems,
      records: answered,
      result: scored,
    });
    expect(run.result).not.toBe(scored);
    expect(run.scores.map((score) => score.id).sort()).toEqual(
      answered.map((record) => record.itemId).sort(),
    );
  });
});
