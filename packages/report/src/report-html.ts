import { createHash } from 'node:crypto';
import { type ChartLibrary, chartLibrary } from './chart-library';
import { fixed, percent, percentRange, points } from './format';
import { modeName } from './mode-name';
import type { ReportExam, ReportModel, ReportRun } from './report-model';
import { reportScript } from './report-script';
import { html, jsonForScript, type SafeHtml, trustedHtml } from './safe-html';

const verdicts = ['correct', 'wrong', 'unparsed', 'missing', 'excluded'];

const styles = `
:root { color-scheme: light; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --pass: #15803d; --fail: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", Meiryo, sans-serif; color: var(--ink); background: #f9fafb; }
header, main { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
nav a { margin-right: 14px; }
a { color: #1d4ed8; }
.meta, .small, .ci, .note { color: var(--muted); }
.small { font-size: 12px; }
.ci { font-size: 12px; white-space: nowrap; }
table { border-collapse: collapse; background: #fff; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left; }
thead th { background: #f3f4f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.big { font-size: 18px; font-weight: 700; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 11px; font-weight: 700; color: #fff; background: var(--muted); letter-spacing: 0.02em; }
.badge.pass, .badge.correct { background: var(--pass); }
.badge.fail, .badge.wrong { background: var(--fail); }
.badge.unparsed { background: #c2410c; }
.badge.missing, .badge.excluded, .badge.incomplete { background: #6b7280; }
.ok { color: var(--pass); }
.ng { color: var(--fail); }
.below { background: #fef2f2; }
.warning { background: #fffbeb; border: 1px solid #fcd34d; padding: 6px 10px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
.chart-box { position: relative; background: #fff; border: 1px solid var(--line); padding: 8px; }
.scroll { max-height: 480px; overflow: auto; }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0; }
.controls input[type=search] { width: 280px; }
#q-table { width: 100%; table-layout: fixed; }
#q-table td { overflow-wrap: anywhere; }
#q-table th.id { width: 120px; }
#q-table th.question { width: 36%; }
#q-table th.answer { width: 64px; }
#q-table th.verdict { width: 130px; }
#q-table th.num { width: 104px; }
.exam-table { width: 100%; table-layout: fixed; }
.exam-table th:first-child { width: 150px; }
.exam-table th, .exam-table td { overflow-wrap: anywhere; }
.text, .full { white-space: pre-wrap; }
details > summary { cursor: pointer; color: #374151; }
.message { border-left: 3px solid var(--line); margin: 6px 0; padding-left: 8px; }
.role { font-size: 11px; font-weight: 700; color: var(--muted); text-transform: uppercase; }
.error { color: var(--fail); }
footer { max-width: 1280px; margin: 40px auto; padding: 0 24px; color: var(--muted); font-size: 12px; }
`;

function interval([low, high]: readonly [number, number], digits = 1): string {
  return Number.isFinite(low) && Number.isFinite(high)
    ? `${low.toFixed(digits)}–${high.toFixed(digits)}`
    : '';
}

function runName(run: ReportRun): string {
  return `${run.label} · ${modeName(run.mode)}`;
}

function passBadge(exam: ReportExam): SafeHtml {
  if (!exam.complete)
    return html`<span class="badge incomplete" title="blocks missing: ${exam.missingBlocks.join(', ')}">INCOMPLETE</span>`;
  return exam.passed
    ? html`<span class="badge pass">PASS</span>`
    : html`<span class="badge fail">FAIL</span>`;
}

function runsSection(model: ReportModel): SafeHtml {
  const rows = model.runs.map(
    (run) => html`<tr data-run="${run.id}">
      <td>${run.id.replace('run-', '')}</td>
      <td><strong>${run.label}</strong></td>
      <td>${run.benchmark} <span class="small">v${run.benchmarkVersion}</span></td>
      <td>${run.kind === 'eval' ? 'model run' : 'prediction files'}</td>
      <td>${run.model}</td>
      <td>${modeName(run.mode)}</td>
      <td>${run.match}</td>
      <td class="num">${run.items}</td>
      <td class="num">${run.errors}</td>
      <td class="num">${percent(run.accuracy)} <span class="ci">(${percentRange(run.accuracyCi95)}) ${run.correct}/${run.n}</span></td>
      <td class="small">${run.finishedAt ?? run.startedAt ?? ''}</td>
      <td class="small">${run.directory}</td>
    </tr>`,
  );
  return html`<section id="runs">
  <h2>Runs</h2>
  <table>
    <thead><tr><th>#</th><th>Model</th><th>Benchmark</th><th>Kind</th><th>Model id</th><th>Mode</th><th>Match</th>
      <th class="num">Items</th><th class="num">Errors</th><th class="num">Accuracy (95% CI)</th><th>Finished</th><th>Folder</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>
  ${model.warnings.map((warning) => html`<p class="warning">${warning}</p>`)}
</section>`;
}

function examTableSection(model: ReportModel): SafeHtml {
  const runsById = new Map(model.runs.map((run) => [run.id, run]));
  return html`${model.examTables.map((table) => {
    const head = table.modes.map((mode) => html`<th class="num">${modeName(mode)}</th>`);
    const rows = table.rows.map((row) => {
      const cells = table.modes.map((mode) => {
        const run = runsById.get(row.cells[mode] ?? '');
        if (run?.meanScore === undefined) return html`<td class="num">—</td>`;
        const exams = run.exams?.length ?? 0;
        return html`<td class="num" data-run="${run.id}" data-mean-score="${fixed(run.meanScore)}">
          <span class="big">${fixed(run.meanScore)}</span> <span class="ci">(${interval(run.meanScoreCi95 ?? [Number.NaN, Number.NaN])})</span>
          <div class="small">${run.examsPassed}/${exams} exam${exams === 1 ? '' : 's'} passed</div></td>`;
      });
      return html`<tr><th>${row.label}</th>${cells}</tr>`;
    });
    return html`<section id="table1-${table.benchmark}" class="table1">
  <h2>${table.title}: mean score</h2>
  <p class="note">Table 1 layout: one row per model, one column per prompt mode. Each cell is the mean exam score over
  the exams present, with a 95 % interval (seeded bootstrap, questions resampled within each exam,
  ${model.bootstrap.samples} resamples, seed ${model.bootstrap.seed}).</p>
  <table><thead><tr><th>Model</th>${head}</tr></thead><tbody>${rows}</tbody></table>
</section>`;
  })}`;
}

function accuracyTableSection(model: ReportModel): SafeHtml {
  const table = model.accuracyTable;
  if (table.rows.length === 0) return html``;
  const runsById = new Map(model.runs.map((run) => [run.id, run]));
  const rows = table.rows.map((row) => {
    const cells = table.benchmarks.map((benchmark) => {
      const run = runsById.get(row.cells[benchmark.id] ?? '');
      if (run === undefined) return html`<td class="num">—</td>`;
      return html`<td class="num" data-run="${run.id}" data-accuracy="${run.accuracy}">
        <span class="big">${percent(run.accuracy)}</span> <span class="ci">(${percentRange(run.accuracyCi95)})</span>
        <div class="small">${run.correct}/${run.n}</div>${
          run.normAccuracy === undefined
            ? ''
            : html`<div class="small">length-normalised ${percent(run.normAccuracy)} (${percentRange(run.normCi95 ?? [Number.NaN, Number.NaN])})</div>`
        }</td>`;
    });
    return html`<tr><th>${row.label} <span class="small">${modeName(row.mode)}</span></th>${cells}</tr>`;
  });
  return html`<section id="table3" class="table3">
  <h2>Accuracy benchmarks</h2>
  <p class="note">Table 3 layout: accuracy with its Wilson 95 % interval.</p>
  <table><thead><tr><th>Model</th>${table.benchmarks.map((benchmark) => html`<th class="num" title="${benchmark.title}">${benchmark.id}</th>`)}</tr></thead>
  <tbody>${rows}</tbody></table>
</section>`;
}

function examCell(run: ReportRun, exam: ReportExam | undefined): SafeHtml {
  if (exam === undefined) return html`<td class="num">—</td>`;
  const sections = exam.sections.map(
    (section) =>
      html`<div class="small ${section.passed ? 'ok' : 'ng'}">${section.name} ${points(section.score)}/${points(section.total)} ≥ ${points(section.passLine)} ${section.passed ? '✓' : '✗'}</div>`,
  );
  const kinkiOk = exam.kinki <= exam.maxKinki;
  const kinki =
    exam.kinkiAnnotated === false
      ? html`<div class="small">禁忌肢 not annotated (≤ ${exam.maxKinki} not checkable)</div>`
      : exam.kinkiItems.length === 0
        ? html`<div class="small ok">禁忌肢 0 (≤ ${exam.maxKinki})</div>`
        : html`<details class="small ${kinkiOk ? 'ok' : 'ng'}"><summary>禁忌肢 ${exam.kinki} (≤ ${exam.maxKinki}) ${kinkiOk ? '✓' : '✗'}</summary>${exam.kinkiItems.join(', ')}</details>`;
  const split = exam.imageSplit;
  const images =
    split === undefined
      ? ''
      : html`<div class="small">with images ${points(split.withImages.score)}/${points(split.withImages.total)} · text-only ${points(split.textOnly.score)}/${points(split.textOnly.total)}</div>`;
  const provisional =
    exam.provisional === undefined
      ? ''
      : html`<div class="small">pass lines provisional: ${exam.provisional}</div>`;
  return html`<td data-run="${run.id}" data-exam="${exam.exam}" data-score="${exam.score}" data-total="${exam.total}"
    data-passed="${exam.passed}" data-kinki="${exam.kinki}" data-correct="${exam.correct}">
    <span class="big">${points(exam.score)}/${points(exam.total)}</span> ${passBadge(exam)}
    <div class="ci">score 95% CI ${interval(exam.scoreCi95, 0)}</div>
    <div class="ci">accuracy ${percent(exam.accuracy)} (${percentRange(exam.accuracyCi95)}) of ${exam.n} ${exam.accuracyBasis === 'scored-questions' ? 'scored questions' : 'questions (all, as the paper counts)'}</div>
    ${sections}${kinki}${images}${provisional}
  </td>`;
}

function examsSection(model: ReportModel): SafeHtml {
  return html`${model.examTables.map((table) => {
    const runs = model.runs.filter((run) => run.benchmark === table.benchmark && run.exams !== undefined);
    const exams = [
      ...new Map(runs.flatMap((run) => run.exams ?? []).map((exam) => [exam.exam, exam])).values(),
    ].sort((a, b) => a.exam.localeCompare(b.exam));
    const sections = exams[0]?.sections ?? [];
    const rows = runs.map(
      (run) =>
        html`<tr><th>${runName(run)}</th>${exams.map((wanted) =>
          examCell(
            run,
            run.exams?.find((exam) => exam.exam === wanted.exam),
          ),
        )}</tr>`,
    );
    const examinees = exams.map((exam) => html`<td class="num">${percent(exam.humanAccuracy)}</td>`);
    const charts = sections.map(
      (section) => html`<div class="chart-box" style="height: 340px">
        <canvas data-chart="exam-section" data-benchmark="${table.benchmark}" data-section="${section.id}"
          data-title="${section.name}: points per exam (dashed: the year's pass line)"
          role="img" aria-label="${section.name} score per exam against its pass line"></canvas></div>`,
    );
    return html`<section id="exams-${table.benchmark}" class="exams">
  <h2>${table.title}: each exam against its pass lines</h2>
  <p class="note">An exam is passed when every section reaches that year's line and at most the allowed number of
  questions had a 禁忌肢 (contraindicated choice) picked. Bars: points per section; dashed lines: the year's pass line.</p>
  <div><table class="exam-table">
    <thead><tr><th>Run</th>${exams.map((exam) => html`<th>${exam.exam}th (${exam.year})</th>`)}</tr></thead>
    <tbody>${rows}<tr><th>Examinees' accuracy</th>${examinees}</tr></tbody>
  </table></div>
  <div class="charts">${charts}</div>
</section>`;
  })}`;
}

function categoriesSection(model: ReportModel): SafeHtml {
  const benchmarks = [...new Set(model.runs.map((run) => run.benchmark))];
  return html`${benchmarks.map((benchmark) => {
    const runs = model.runs.filter((run) => run.benchmark === benchmark);
    const groups: string[] = [];
    const human = new Map<string, number>();
    for (const run of runs) {
      for (const category of run.categories) {
        if (!groups.includes(category.group)) groups.push(category.group);
        if (!human.has(category.group) && category.humanAccuracy !== undefined)
          human.set(category.group, category.humanAccuracy);
      }
    }
    if (groups.length <= 1 && human.size === 0) return html``;
    const rows = groups.map((group) => {
      const examinees = human.get(group);
      const cells = runs.map((run) => {
        const found = run.categories.find((category) => category.group === group);
        if (found === undefined) return html`<td class="num">—</td>`;
        const below = examinees !== undefined && found.accuracy < examinees;
        return html`<td class="num${below ? ' below' : ''}" data-run="${run.id}" data-category="${group}">${percent(found.accuracy)} <span class="ci">(${percentRange(found.ci95)}) ${found.correct}/${found.n}</span></td>`;
      });
      return html`<tr><th>${group}</th>${cells}<td class="num">${percent(examinees)}</td></tr>`;
    });
    const height = 80 + groups.length * (runs.length + (human.size > 0 ? 1 : 0)) * 9;
    return html`<section id="categories-${benchmark}" class="categories">
  <h2>${runs[0]?.benchmarkTitle ?? benchmark}: accuracy by category</h2>
  <p class="note">Each specialty's accuracy with its Wilson 95 % interval, beside the examinees' mean accuracy on the
  same questions (IgakuQA metadata). Shaded: below the examinees.</p>
  <div class="charts"><div class="chart-box" style="height: ${height}px">
    <canvas data-chart="categories" data-benchmark="${benchmark}" role="img" aria-label="accuracy by category"></canvas>
  </div>
  <div class="scroll" style="max-height: ${height}px"><table>
    <thead><tr><th>Category</th>${runs.map((run) => html`<th class="num">${runName(run)}</th>`)}<th class="num">Examinees</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div></div>
</section>`;
  })}`;
}

function missRuns(model: ReportModel): ReportRun[] {
  return model.runs.filter(
    (run) => run.misses.length > 0 || run.categories.some((c) => c.humanAccuracy !== undefined),
  );
}

function hasMisses(model: ReportModel): boolean {
  return missRuns(model).length > 0;
}

function missesSection(model: ReportModel): SafeHtml {
  const runs = missRuns(model);
  if (runs.length === 0) return html``;
  const threshold = `${Math.round(model.missThreshold * 100)} %`;
  return html`<section id="misses">
  <h2>Questions the model missed that most examinees got right</h2>
  <p class="note">Counted questions answered wrongly (or unreadably, or not at all) where more than ${threshold} of
  examinees chose the key, easiest for the examinees first. Click an id to see the reply.</p>
  ${runs.map(
    (
      run,
    ) => html`<details data-run="${run.id}" data-count="${run.misses.length}"${run === runs[0] ? trustedHtml(' open') : ''}>
    <summary><strong>${runName(run)}</strong>: ${run.misses.length} question${run.misses.length === 1 ? '' : 's'}</summary>
    <div class="scroll"><table>
      <thead><tr><th>Question</th><th>Category</th><th class="num">Examinees</th><th>Answer read</th><th>Key</th><th>Verdict</th></tr></thead>
      <tbody>${run.misses.map(
        (
          miss,
        ) => html`<tr><td><a class="goto" href="#questions" data-run="${run.id}" data-id="${miss.id}">${miss.id}</a></td>
          <td>${miss.category ?? ''}</td><td class="num">${percent(miss.humanAccuracy)}</td>
          <td>${miss.extracted === null ? '—' : miss.extracted.join(',') || '(empty)'}</td><td>${miss.key.join(',')}</td>
          <td><span class="badge ${miss.verdict}">${miss.verdict}</span></td></tr>`,
      )}</tbody>
    </table></div>
  </details>`,
  )}
</section>`;
}

function questionsSection(): SafeHtml {
  return html`<section id="questions">
  <h2>Every question</h2>
  <p class="note">The prompt, the raw reply (for prediction files: the file's prediction and explanation), the answer
  read from it, the key and the verdict. Long texts are collapsed; click to expand.</p>
  <div class="controls">
    <label>Run <select id="q-run"></select></label>
    <label>Verdict <select id="q-verdict"><option value="">all</option>${verdicts.map((verdict) => html`<option value="${verdict}">${verdict}</option>`)}</select></label>
    <label>Exam <select id="q-exam"><option value="">all</option></select></label>
    <label>Search <input id="q-search" type="search" placeholder="id, question, reply, category…"></label>
    <span id="q-count" class="small"></span>
  </div>
  <div id="q-prefix"></div>
  <table id="q-table">
    <thead><tr><th class="id">Question</th><th class="question">Text and prompt</th><th class="reply">Reply</th><th class="answer">Read</th><th class="answer">Key</th><th class="verdict">Verdict</th><th class="num">Examinees</th></tr></thead>
    <tbody></tbody>
  </table>
  <p><button id="q-more" type="button" hidden>Show 100 more</button></p>
  <noscript><p class="warning">The per-question table needs JavaScript.</p></noscript>
</section>`;
}

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

export interface RenderReportOptions {
  /** Overrides the inlined chart library (tests). */
  readonly chart?: ChartLibrary;
}

/**
 * The report as one self-contained HTML file: styles, data, Chart.js and the page's script are inline, and the
 * Content-Security-Policy lets nothing load from the network and runs only those two scripts (by hash), so even a
 * reply that slipped past escaping could not run.
 */
export function renderReportHtml(model: ReportModel, options: RenderReportOptions = {}): string {
  const chart = options.chart ?? chartLibrary();
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(chart.source)} ${cspHash(reportScript)}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const labels = [...new Set(model.runs.map((run) => run.label))].join(', ');
  const benchmarks = [...new Set(model.runs.map((run) => run.benchmark))].join(', ');
  const page = html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>Kensa report — ${benchmarks}: ${labels}</title>
<style>${trustedHtml(styles)}</style>
</head>
<body>
<header>
  <h1>Kensa report</h1>
  <p class="meta">${model.runs.length} run${model.runs.length === 1 ? '' : 's'} of ${benchmarks} · generated ${model.generatedAt} by Kensa ${model.kensaVersion}.
  Every number is re-scored from the runs' logs with the benchmark's current rules.</p>
  <nav><a href="#runs">Runs</a>${model.examTables.map((table) => html`<a href="#table1-${table.benchmark}">Mean scores</a><a href="#exams-${table.benchmark}">Exams</a>`)}${model.accuracyTable.rows.length > 0 ? html`<a href="#table3">Accuracy</a>` : ''}${hasMisses(model) ? html`<a href="#misses">Missed questions</a>` : ''}<a href="#questions">Every question</a></nav>
</header>
<main>
${runsSection(model)}
${examTableSection(model)}
${accuracyTableSection(model)}
${examsSection(model)}
${categoriesSection(model)}
${missesSection(model)}
${questionsSection()}
</main>
<footer>Kensa ${model.kensaVersion}. Charts drawn with ${chart.name} ${chart.version} (${chart.licence}), inlined: this file needs no network.
Intervals: accuracy — Wilson 95 %; scores — seeded percentile bootstrap (${model.bootstrap.samples} resamples, seed ${model.bootstrap.seed}).</footer>
<script type="application/json" id="kensa-data">${trustedHtml(jsonForScript(model))}</script>
<script>${trustedHtml(chart.source)}</script>
<script>${trustedHtml(reportScript)}</script>
</body>
</html>
`;
  return page.value;
}
