import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRegistry, defineBenchmark, type Item, wilsonInterval } from '@kensa/core';
import { temporaryDir } from '@kensa/test-support';
import { describe, expect, it } from 'vitest';
import { loadRun } from './load-run';
import { renderReportHtml } from './report-html';
import { buildReportModel } from './report-model';

/** A small accuracy benchmark written here (the seed's Table 3 kind): four-choice questions, no exams. */
const items: Item[] = Array.from({ length: 10 }, (_, index) => ({
  id: `q${index + 1}`,
  kind: 'choice',
  question: `質問 ${index + 1}`,
  choices: ['A1', 'A2', 'A3', 'A4'],
  choose: 1,
  answer: ['a'],
  category: index < 5 ? 'cardiology' : 'neurology',
}));

const tinyQa = defineBenchmark({
  specificationVersion: 'v1',
  id: 'tiny-qa',
  title: 'Tiny QA',
  citation: '',
  licence: 'none',
  version: '1',
  sources: [],
  parse: () => items,
  prompts: [],
  scoring: { kind: 'accuracy' },
});

async function writeRun(replies: readonly string[], model: string, mode: string): Promise<string> {
  const directory = path.join(await temporaryDir(), 'run');
  await mkdir(directory, { recursive: true });
  const manifest = {
    kind: 'eval',
    formatVersion: 1,
    benchmark: 'tiny-qa',
    benchmarkVersion: '1',
    model,
    mode,
    match: 'normalized',
    startedAt: '2026-01-01T00:00:00.000Z',
  };
  await writeFile(path.join(directory, 'manifest.json'), JSON.stringify(manifest));
  const lines = replies.map((text, index) =>
    JSON.stringify({
      itemId: `q${index + 1}`,
      sample: 0,
      status: 'ok',
      messages: [
        { role: 'system', content: 'Answer.' },
        { role: 'user', content: `質問 ${index + 1}` },
      ],
      reply: { text },
    }),
  );
  await writeFile(path.join(directory, 'log.jsonl'), `${lines.join('\n')}\n`);
  return directory;
}

describe('report model for accuracy benchmarks', () => {
  it('puts each run in a Table 3 cell with its Wilson interval, by model and mode', async () => {
    const registry = createRegistry([tinyQa]);
    const loadItems = async () => items;
    // 7 of 10 right, then 4 of 10 right.
    const first = await writeRun(['a', 'a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b'], 'model-x', '0shot');
    const second = await writeRun(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'c', 'd'], 'model-y', '0shot');
    const runs = [
      await loadRun(first, { registry, loadItems }),
      await loadRun(second, { registry, loadItems }),
    ];
    const model = buildReportModel(runs, { generatedAt: 'now' });

    expect(model.examTables).toEqual([]);
    expect(model.accuracyTable).toEqual({
      benchmarks: [{ id: 'tiny-qa', title: 'Tiny QA' }],
      rows: [
        { label: 'model-x', mode: '0shot', cells: { 'tiny-qa': 'run-1' } },
        { label: 'model-y', mode: '0shot', cells: { 'tiny-qa': 'run-2' } },
      ],
    });
    expect(model.runs[0]).toMatchObject({ scoring: 'accuracy', accuracy: 0.7, n: 10, correct: 7 });
    expect(model.runs[0]?.accuracyCi95).toEqual(wilsonInterval(7, 10));
    expect(model.runs[1]).toMatchObject({ accuracy: 0.4, correct: 4 });
    expect(model.runs[0]?.meanScore).toBeUndefined();
    expect(model.runs[0]?.categories.map((category) => [category.group, category.correct])).toEqual([
      ['cardiology', 5],
      ['neurology', 2],
    ]);
    // The shared system message is stored once; each row keeps its own question message.
    expect(model.questions.promptPrefix['run-1']).toEqual([{ role: 'system', content: 'Answer.' }]);
    expect(model.questions.runs['run-1']?.[0]).toMatchObject({
      id: 'q1',
      prompt: '質問 1',
      verdict: 'correct',
    });

    const page = renderReportHtml(model);
    expect(page).toContain('id="table3"');
    expect(page).toContain('data-run="run-1" data-accuracy="0.7"');
    expect(page).toContain('70.0%');
  });
});
