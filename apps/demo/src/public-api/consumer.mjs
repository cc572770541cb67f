// Run by public-api.test.ts from a temporary folder outside the repository: plain Node that imports only the
// published packages' built dist/ (no @kensa/source condition). It scores the paper's published predictions,
// writes the HTML report, compares two runs read back from disk, and prints what it found as one JSON document.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRegistry } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';
import {
  compareRuns,
  createItemLoader,
  examReportJson,
  loadRun,
  scorePredictions,
  writePredictionRun,
  writeReport,
} from '@kensa/report';
import { loadSources } from '@kensa/runner';

const [outDir, dataDir, upstreamDir] = process.argv.slice(2);
const benchmark = igakuqa;
const items = benchmark.parse(await loadSources(benchmark.sources, { dataDir }));

async function scorePublished(name, from) {
  const format = benchmark.predictions;
  const files = format.published.sources(name);
  const contents = await loadSources(files, { dataDir: from });
  const predictions = files.flatMap((file) => format.parse(contents.get(file.path), file.path));
  const report = scorePredictions(benchmark, items, predictions);
  const run = await writePredictionRun({
    directory: path.join(outDir, name),
    benchmark,
    items,
    predictions,
    report,
    match: format.match,
    provenance: { published: name },
    summary: examReportJson(report, {}),
  });
  return { run, meanScore: report.meanScore, exams: report.exams.map((exam) => exam.score) };
}

const scores = {};
const runs = [];
for (const name of ['student-majority', 'gpt3']) {
  const scored = await scorePublished(name, dataDir);
  scores[name] = { meanScore: scored.meanScore, exams: scored.exams };
  runs.push(scored.run);
}
if (upstreamDir !== undefined) {
  const scored = await scorePublished('gpt4', upstreamDir);
  scores.gpt4 = { meanScore: scored.meanScore, exams: scored.exams };
}

const htmlPath = path.join(outDir, 'report.html');
const model = await writeReport(runs, htmlPath);

const registry = createRegistry([benchmark]);
const loadItems = createItemLoader({ dataDir });
const a = await loadRun(path.join(outDir, 'student-majority'), { registry, loadItems });
const b = await loadRun(path.join(outDir, 'gpt3'), { registry, loadItems });
const comparison = compareRuns(a, b);

console.log(
  JSON.stringify({
    scores,
    report: {
      exists: existsSync(htmlPath),
      bytes: readFileSync(htmlPath).length,
      meanScores: model.runs.map((run) => run.meanScore),
    },
    compare: {
      meanScore: comparison.meanScore,
      mcnemar: comparison.mcnemar,
      shared: comparison.shared,
    },
  }),
);
