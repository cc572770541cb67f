// CommonJS consumers get the same API; the chart library resolves from the CJS build too.
const report = require('@kensa/report');
const runner = require('@kensa/runner');
const core = require('@kensa/core');
console.log(
  JSON.stringify({
    chart: report.chartLibrary().name,
    functions: [
      typeof report.loadRun,
      typeof report.compareRuns,
      typeof report.renderReportHtml,
      typeof runner.buildPreferenceDataset,
      typeof core.collectPreferenceQuestions,
    ],
  }),
);
