// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main';
import { captureIo } from '../../test-io';
import {
  baselineFiles,
  dataDir,
  readLog,
  readSummary,
  runCli,
  scoreRun,
  temporaryDir,
} from '../../test-runs';

let root: string;
let studentMajority: string;
let gpt3: string;

beforeAll(async () => {
  root = await temporaryDir();
  studentMajority = await scoreRun(
    await baselineFiles('student-majority'),
    path.join(root, 'student-majority'),
  );
  gpt3 = await scoreRun(await baselineFiles('gpt3'), path.join(root, 'gpt3'));
});

/** The JSON data block of a report, parsed back. */
function reportData(page: string) {
  const match = /<script type="application\/json" id="kensa-data">([\s\S]*?)<\/script>/.exec(page);
  if (match?.[1] === undefined) throw new Error('no data block');
  return JSON.parse(match[1]);
}

describe('kensa report', () => {
  it("shows the paper's baselines as the run files say: 474.4 and 209.4, PASS and FAIL each year", async () => {
    const html = path.join(root, 'baselines.html');
    const io = await runCli([
      'report',
      studentMajority,
      gpt3,
      '--data-dir',
      dataDir,
      '--html',
      html,
      '--json',
    ]);
    const report = JSON.parse(io.out());
    expect(report.html).toBe(html);
    expect(report.runs.map((run: { label: string }) => run.label)).toEqual(['student-majority', 'gpt3']);
    expect(report.runs[0].meanScore).toBeCloseTo(474.4, 10);
    expect(report.runs[1].meanScore).toBeCloseTo(209.4, 10);
    expect(report.runs.map((run: { examsPassed: number }) => run.examsPassed)).toEqual([5, 0]);
    for (const [index, dir] of [studentMajority, gpt3].entries()) {
      const run = report.runs[index];
      const summary = await readSummary(dir);
      const pick = (exam: { exam: string; score: number; total: number; passed: boolean; kinki: number }) => [
        exam.exam,
        exam.score,
        exam.total,
        exam.passed,
        exam.kinki,
      ];
      // Re-scored from the log, the numbers are the run files' own.
      expect(run.exams.map(pick)).toEqual(summary.exams.map(pick));
      expect(run.meanScore).toBe(summary.meanScore);
      // Accuracy as kensa score printed it: over all 2,000 questions, as the paper counts (not the 1,989 scored).
      expect(run.accuracyBasis).toBe('all-questions');
      expect(run.n).toBe(2000);
      expect(run.accuracy).toBe(summary.accuracy);
      expect(run.correct / run.n).toBe(summary.accuracy);
      const log = await readLog(dir);
      for (const exam of run.exams) {
        const correct = log.filter((line) => line.itemId.startsWith(exam.exam) && line.verdict === 'correct');
        expect(exam.correct).toBe(correct.length);
      }
      // The mean score's interval holds the mean and stays within the exams' totals.
      expect(run.meanScoreCi95[0]).toBeLessThan(run.meanScore);
      expect(run.meanScoreCi95[1]).toBeGreaterThan(run.meanScore);
      expect(run.verdictMismatches).toBe(0);
    }
    expect(report.examTables).toEqual([
      {
        benchmark: 'igakuqa',
        title: expect.any(String),
        modes: ['predictions'],
        rows: [
          { label: 'student-majority', cells: { predictions: 'run-1' } },
          { label: 'gpt3', cells: { predictions: 'run-2' } },
        ],
      },
    ]);
    expect(report.accuracyTable.rows).toEqual([]);
    expect(report).not.toHaveProperty('questions');

    const page = await readFile(html, 'utf8');
    expect(page).toContain('data-mean-score="474.4"');
    expect(page).toContain('data-mean-score="209.4"');
    expect(page.match(/class="badge pass">PASS</g)).toHaveLength(5);
    expect(page.match(/class="badge fail">FAIL</g)).toHaveLength(5);
    // Self-contained: nothing is loaded from anywhere, and the policy forbids trying.
    expect(page).not.toMatch(/<(link|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
    expect(page).toContain('Chart.js v4');
    // Every question of both runs, with the file's prediction as the reply.
    const data = reportData(page);
    expect(data.questions.runs['run-1']).toHaveLength(2000);
    const first = data.questions.runs['run-2'][0];
    expect(first).toMatchObject({ id: '112A1', reply: 'e', extracted: ['e'] });
  });

  it('renders replies, explanations and names from run files as text, never as markup', async () => {
    const predictions = path.join(root, 'xss-predictions');
    await mkdir(predictions, { recursive: true });
    const [block] = await baselineFiles('gpt3');
    const lines = (await readFile(block as string, 'utf8')).trim().split('\n');
    const script = '<script>window.__kensaXss = 1</script>';
    const image = '<img src=x onerror="window.__kensaXss = 2">';
    lines[0] = JSON.stringify({ problem_id: '112A1', prediction: script, explanation: `${image} </script>` });
    // The label of a prediction-file run comes from its file names: a hostile one too.
    const hostileName = '112-A_<b onmouseover=alert(1)>x.jsonl';
    await writeFile(path.join(predictions, hostileName), `${lines.join('\n')}\n`);
    const run = await scoreRun([path.join(predictions, hostileName)], path.join(root, 'xss'));
    const html = path.join(root, 'xss.html');
    await runCli(['report', run, '--data-dir', dataDir, '--html', html]);

    const page = await readFile(html, 'utf8');
    expect(page).not.toContain(script);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b onmouseover');
    expect(page).toContain('&lt;b onmouseover=alert(1)&gt;x');
    // Exactly the three script elements the report ships: data, Chart.js, the page's script.
    expect(page.match(/<script\b/g)).toHaveLength(3);
    const row = reportData(page).questions.runs['run-1'][0];
    expect(row).toMatchObject({
      id: '112A1',
      reply: script,
      explanation: `${image} </script>`,
      verdict: 'wrong',
    });
  });

  it('writes report.html into a single run folder by default and prints a summary table', async () => {
    const io = await runCli(['report', gpt3, '--data-dir', dataDir]);
    expect(io.out()).toContain('209.4');
    expect(io.out()).toContain(`Report: ${path.join(gpt3, 'report.html')}`);
    expect(existsSync(path.join(gpt3, 'report.html'))).toBe(true);
  });

  it('is written by kensa score --out too', async () => {
    expect(existsSync(path.join(studentMajority, 'report.html'))).toBe(true);
  });

  it('says what is wrong with a folder that is not a run (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['report', path.join(root, 'no-such-run'), '--data-dir', dataDir], io)).toBe(2);
    expect(io.err()).toContain('not a Kensa run folder');
  });
});
