// @needs-shared-data (skipped without ../shared; see packages/test-support/src/shared-data-exclude.ts)
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { examQuestionText } from '@kensa/core';
import { igakuqa } from '@kensa/igakuqa';
import { readSharedSources } from '@kensa/test-support';
import { createMockServer, type MockServer } from '@kensa/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baselineFiles,
  dataDir,
  readLog,
  readSummary,
  runCli,
  scoreRun,
  temporaryDir,
} from '../../test-runs';

/**
 * Renders reports in a real headless Chromium (Debian's, driven by playwright-core; no browser download). CI
 * installs the package when it is missing; without it this test fails, it does not skip.
 */
const chromiumPath = '/usr/bin/chromium';
const outputDir = fileURLToPath(new URL('../../../test-output/', import.meta.url));

const script = '<script>window.__kensaXss = 1</script>';
const image = '<img src=x onerror="window.__kensaXss = 2">';
const thinking = '<script>window.__kensaXss = 3</script>';

/** The browser globals the checks read (the project compiles without the DOM library). */
interface PageGlobals {
  readonly __kensaXss?: unknown;
  readonly Chart?: { getChart(canvas: unknown): { data: { datasets: unknown[] } } | undefined };
}

interface CanvasLike {
  readonly width: number;
  readonly height: number;
  readonly dataset: Record<string, string>;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}

/** What the glyph check uses of the page (the project compiles without the DOM library). */
interface PageFonts {
  readonly document: {
    readonly body: unknown;
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        font: string;
        fillText(text: string, x: number, y: number): void;
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      };
    };
  };
  getComputedStyle(element: unknown): { readonly font: string };
}

let browser: Browser | undefined;
let server: MockServer | undefined;
let studentMajority: string;
let gpt3: string;
let baselinesReport: string;
let evalRun: string;
let evalStderr: string;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install Debian's package ('apt-get install chromium'); .ci/run installs it when missing.`,
    );
  }
  const root = await temporaryDir('kensa-browser-');
  studentMajority = await scoreRun(
    await baselineFiles('student-majority'),
    path.join(root, 'student-majority'),
  );
  gpt3 = await scoreRun(await baselineFiles('gpt3'), path.join(root, 'gpt3'));
  baselinesReport = path.join(root, 'baselines.html');
  await runCli(['report', studentMajority, gpt3, '--data-dir', dataDir, '--html', baselinesReport]);

  // A model that answers with markup: the report must show it as text and run none of it.
  const items = igakuqa.parse(readSharedSources(igakuqa.sources));
  const [first, second] = items.map(examQuestionText);
  server = await createMockServer({
    reply: ({ text }) => {
      if (text === first) return { content: `${script}\n答え: e`, reasoningContent: thinking };
      if (text === second) return `${image}\n答え: e`;
      return '答え: a';
    },
  });
  evalRun = path.join(root, 'eval-run');
  const io = await runCli(
    ['eval', 'igakuqa', '--data-dir', dataDir, '--model', 'mock-model', '--base-url', server.baseURL].concat([
      '--limit',
      '12',
      '--out',
      evalRun,
    ]),
    { KENSA_CACHE_DIR: path.join(root, 'cache') },
  );
  evalStderr = io.err();

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await mkdir(outputDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a report file, recording page errors, console errors and every request the page makes. */
async function openReport(file: string) {
  if (browser === undefined) throw new Error('the browser did not start');
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return { page, problems, requests, url: pathToFileURL(file).href };
}

async function chartsOf(page: Page) {
  return page.locator('canvas').evaluateAll((canvases) =>
    canvases.map((element) => {
      const canvas = element as unknown as CanvasLike;
      const chart = (globalThis as unknown as PageGlobals).Chart?.getChart(canvas);
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) painted++;
      return {
        kind: canvas.dataset.chart,
        datasets: chart?.data.datasets.length ?? 0,
        painted: painted / (canvas.width * canvas.height),
      };
    }),
  );
}

describe('the HTML report in headless Chromium', () => {
  it('renders its Japanese text with a Japanese font, not tofu', async () => {
    const { page } = await openReport(baselinesReport);
    // The fonts Chromium really used for a table header holding 必修 (DevTools protocol, as the Elements panel).
    const session = await page.context().newCDPSession(page);
    const { root } = await session.send('DOM.getDocument', { depth: -1 });
    await session.send('CSS.enable');
    const { nodeIds } = await session.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector: 'th, td',
    });
    let families: string[] = [];
    for (const nodeId of nodeIds) {
      const { outerHTML } = await session.send('DOM.getOuterHTML', { nodeId });
      if (!outerHTML.includes('必修')) continue;
      const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
      families = fonts.map((font) => font.familyName);
      break;
    }
    expect(families.length, 'no table cell holds 必修').toBeGreaterThan(0);
    expect(families.join(', ')).toMatch(/CJK|JP|Gothic|Mincho|IPA|Takao|VL/i);
    // And the glyphs themselves: drawn in the page's own font, 必, 修, 禁 and 忌 differ from each other and
    // from the .notdef box of an unassigned code point; without a CJK font they are all that same box.
    const glyphs = await page.evaluate(() => {
      const page = globalThis as unknown as PageFonts;
      const font = page.getComputedStyle(page.document.body).font;
      const draw = (text: string) => {
        const canvas = page.document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 64;
        const context = canvas.getContext('2d');
        context.font = font.replace(/\d+(\.\d+)?px/, '48px');
        context.fillText(text, 4, 52);
        return Array.from(context.getImageData(0, 0, 64, 64).data).join(',');
      };
      return ['必', '修', '禁', '忌', '\u{10FFFD}'].map(draw);
    });
    const tofu = glyphs.at(-1);
    const japanese = glyphs.slice(0, -1);
    expect(new Set(japanese).size).toBe(japanese.length);
    for (const glyph of japanese) expect(glyph).not.toBe(tofu);
    await page.close();
  });

  it("shows the baselines' numbers from the run files, draws the charts, and loads nothing", async () => {
    const { page, problems, requests, url } = await openReport(baselinesReport);
    try {
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      // Table 1: the mean scores.
      const means = await page.locator('.table1 td[data-run]').allTextContents();
      expect(means[0]).toContain('474.4');
      expect(means[0]).toContain('5/5 exams passed');
      expect(means[1]).toContain('209.4');
      expect(means[1]).toContain('0/5 exams passed');

      // Each exam cell against the run folder's summary and log.
      const cells = await page.locator('.exam-table td[data-exam]').evaluateAll((elements) =>
        elements.map((element) => {
          const cell = element as unknown as { dataset: Record<string, string>; textContent: string };
          const { run, exam, kinki, correct } = cell.dataset;
          return { run, exam, kinki, correct, text: cell.textContent };
        }),
      );
      expect(cells).toHaveLength(10);
      for (const [index, dir] of [studentMajority, gpt3].entries()) {
        const summary = await readSummary(dir);
        const log = await readLog(dir);
        for (const exam of summary.exams) {
          const cell = cells.find(
            (candidate) => candidate.run === `run-${index + 1}` && candidate.exam === exam.exam,
          );
          expect(cell, `${dir} ${exam.exam}`).toBeDefined();
          expect(cell?.text).toContain(`${exam.score}/${exam.total}`);
          expect(cell?.text).toContain(exam.passed ? 'PASS' : 'FAIL');
          expect(cell?.text).toContain(`禁忌肢 ${exam.kinki} (≤ 3)`);
          expect(Number(cell?.kinki)).toBe(exam.kinki);
          const correct = log.filter(
            (line) => line.itemId.startsWith(exam.exam) && line.verdict === 'correct',
          );
          expect(Number(cell?.correct)).toBe(correct.length);
        }
      }

      // The charts drew: two sections with their pass lines, and the categories.
      const charts = await chartsOf(page);
      expect(charts.map((chart) => chart.kind)).toEqual(['exam-section', 'exam-section', 'categories']);
      expect(await page.getAttribute('body', 'data-charts-drawn')).toBe('3');
      for (const chart of charts) {
        expect(chart.datasets).toBeGreaterThanOrEqual(2);
        expect(chart.painted).toBeGreaterThan(0.02);
      }

      // The per-question table: every question, filterable.
      await expect.poll(() => page.locator('#q-table tbody tr').count()).toBe(100);
      expect(await page.locator('#q-count').textContent()).toContain('of 2000');
      const gpt3Wrong = (await readLog(gpt3)).filter((line) => line.verdict === 'wrong').length;
      await page.selectOption('#q-run', 'run-2');
      await page.selectOption('#q-verdict', 'wrong');
      expect(await page.locator('#q-count').textContent()).toContain(`of ${gpt3Wrong} matching`);
      await page.fill('#q-search', '116F75');
      expect(await page.locator('#q-table tbody tr').count()).toBeLessThanOrEqual(1);
      await page.selectOption('#q-verdict', '');
      expect(await page.locator('#q-table tbody tr').first().getAttribute('data-id')).toBe('116F75');

      // A missed question links to its row.
      const miss = page.locator('#misses a.goto').first();
      const missId = await miss.textContent();
      await miss.click();
      expect(await page.locator('#q-table tbody tr').first().getAttribute('data-id')).toBe(missId);

      await page.selectOption('#q-run', 'run-1');
      await page.fill('#q-search', '');
      // The report from the top down to the first questions of the table (the whole page is ~17,000 px tall).
      const questionsTop = await page
        .locator('#questions')
        .evaluate(
          (element) =>
            (element as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top +
            (globalThis as unknown as { scrollY: number }).scrollY,
        );
      await page.screenshot({
        path: path.join(outputDir, 'report-baselines.png'),
        fullPage: true,
        clip: { x: 0, y: 0, width: 1400, height: Math.round(questionsTop) + 900 },
      });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('ends kensa eval with a report whose model replies stay inert text', async () => {
    const reportFile = path.join(evalRun, 'report.html');
    expect(evalStderr).toContain(`Report: ${reportFile}`);
    const { page, problems, requests, url } = await openReport(reportFile);
    try {
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
      const globals = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kensaXss ?? null);
      expect(await globals()).toBeNull();
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(3);

      // The replies are there, as text.
      const rows = page.locator('#q-table tbody tr');
      expect(await rows.count()).toBe(12);
      const firstReply = await rows.nth(0).locator('td.reply').textContent();
      expect(firstReply).toContain(script);
      expect(firstReply).toContain(thinking);
      expect(await rows.nth(1).locator('td.reply').textContent()).toContain(image);
      // Opening the collapsed texts and filtering by the payload runs nothing either.
      await page.fill('#q-search', '__kensaXss');
      expect(await rows.count()).toBe(2);
      for (const summary of await page.locator('#q-table details > summary').all()) await summary.click();
      await page.locator('#q-prefix details > summary').click();
      expect(await globals()).toBeNull();
      expect(await page.locator('img').count()).toBe(0);

      // A 12-question run covers part of one exam: scored, but not judged.
      expect(await page.locator('.exam-table td[data-exam="112"]').textContent()).toContain('INCOMPLETE');
      await page.locator('#q-prefix details > summary').click();
      await page.locator('#questions').screenshot({ path: path.join(outputDir, 'report-xss.png') });
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await page.close();
    }
  });
});
