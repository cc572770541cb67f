/**
 * The report page's own script: draws the charts with the inlined Chart.js and runs the per-question table
 * (filters, search, paging). It reads the report model from the `#kensa-data` JSON block, and puts every piece of
 * model or dataset text into the page with `textContent`, never as markup.
 *
 * Plain ES2017 in a string, so the page needs no build step and the CLI no bundler; the browser test runs it.
 */
export const reportScript = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kensa-data').textContent);
  var runs = data.runs;
  var runsById = {};
  runs.forEach(function (run, index) {
    runsById[run.id] = run;
    run.colour = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'][index % 8];
  });

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === undefined || value === null || value === false) return;
      if (name === 'class') node.className = value;
      else node.setAttribute(name, String(value));
    });
    (children || []).forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  function percent(value) {
    return value === undefined || value === null || isNaN(value) ? '–' : (value * 100).toFixed(1) + '%';
  }

  function runName(run) {
    return run.label + ' · ' + run.modeName;
  }

  /* Long texts collapse into <details>; the summary shows their beginning. */
  function longText(text, limit, label) {
    if (text === undefined || text === null || text === '') return null;
    if (text.length <= limit) return el('div', { class: 'text' }, [text]);
    var summary = limit === 0
      ? label + ' (' + text.length + ' chars)'
      : (label ? label + ': ' : '') + text.slice(0, limit).replace(/\s+/g, ' ') + '… (' + text.length + ' chars)';
    return el('details', { class: 'text' }, [el('summary', {}, [summary]), el('div', { class: 'full' }, [text])]);
  }

  /* ---- charts ---- */
  var chartsDrawn = 0;
  var passLinePlugin = {
    id: 'kensaPassLines',
    afterDatasetsDraw: function (chart, args, options) {
      var lines = options && options.lines;
      if (!lines) return;
      var x = chart.scales.x;
      var y = chart.scales.y;
      var context = chart.ctx;
      var width = (x.right - x.left) / Math.max(1, chart.data.labels.length);
      context.save();
      context.strokeStyle = '#111827';
      context.fillStyle = '#111827';
      context.lineWidth = 2;
      context.setLineDash([6, 3]);
      context.font = '11px system-ui, sans-serif';
      lines.forEach(function (value, index) {
        if (value === null || value === undefined) return;
        var centre = x.getPixelForValue(index);
        var top = y.getPixelForValue(value);
        context.beginPath();
        context.moveTo(centre - width * 0.42, top);
        context.lineTo(centre + width * 0.42, top);
        context.stroke();
        context.textAlign = 'right';
        context.lineWidth = 3;
        context.strokeStyle = '#ffffff';
        context.setLineDash([]);
        context.strokeText('line ' + value, centre + width * 0.42, top - 5);
        context.fillText('line ' + value, centre + width * 0.42, top - 5);
        context.strokeStyle = '#111827';
        context.lineWidth = 2;
        context.setLineDash([6, 3]);
      });
      context.restore();
    },
  };

  function draw(canvas, config) {
    if (typeof Chart === 'undefined') return;
    config.options = config.options || {};
    config.options.animation = false;
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    new Chart(canvas, config);
    chartsDrawn++;
  }

  function examLabel(exam) {
    return exam.exam + 'th (' + exam.year + ')';
  }

  function drawSectionChart(canvas) {
    var benchmark = canvas.getAttribute('data-benchmark');
    var sectionId = canvas.getAttribute('data-section');
    var chartRuns = runs.filter(function (run) { return run.benchmark === benchmark && run.exams; });
    var exams = [];
    chartRuns.forEach(function (run) {
      run.exams.forEach(function (exam) {
        if (!exams.some(function (known) { return known.exam === exam.exam; })) exams.push(exam);
      });
    });
    exams.sort(function (a, b) { return a.exam < b.exam ? -1 : a.exam > b.exam ? 1 : 0; });
    var sectionOf = function (exam) {
      return exam.sections.filter(function (section) { return section.id === sectionId; })[0];
    };
    var lines = exams.map(function (exam) {
      var section = sectionOf(exam);
      return section ? section.passLine : null;
    });
    var datasets = chartRuns.map(function (run) {
      return {
        label: runName(run),
        backgroundColor: run.colour,
        data: exams.map(function (wanted) {
          var exam = run.exams.filter(function (candidate) { return candidate.exam === wanted.exam; })[0];
          var section = exam && sectionOf(exam);
          return section ? section.score : null;
        }),
      };
    });
    var totals = exams.map(function (exam) {
      var section = sectionOf(exam);
      return section ? section.total : 0;
    });
    draw(canvas, {
      type: 'bar',
      data: { labels: exams.map(examLabel), datasets: datasets },
      options: {
        scales: {
          y: { beginAtZero: true, suggestedMax: Math.max.apply(null, totals.concat([1])), title: { display: true, text: 'points' } },
        },
        plugins: {
          kensaPassLines: { lines: lines },
          title: { display: true, text: canvas.getAttribute('data-title') || sectionId },
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: function (item) {
                var total = totals[item.dataIndex];
                var line = lines[item.dataIndex];
                var passed = item.raw >= line ? ' ✓' : ' ✗';
                return item.dataset.label + ': ' + item.raw + '/' + total + ' (line ' + line + ')' + passed;
              },
            },
          },
        },
      },
      plugins: [passLinePlugin],
    });
  }

  function drawCategoryChart(canvas) {
    var benchmark = canvas.getAttribute('data-benchmark');
    var chartRuns = runs.filter(function (run) { return run.benchmark === benchmark; });
    var groups = [];
    var human = {};
    chartRuns.forEach(function (run) {
      run.categories.forEach(function (category) {
        if (groups.indexOf(category.group) < 0) groups.push(category.group);
        if (human[category.group] === undefined && category.humanAccuracy !== undefined) human[category.group] = category.humanAccuracy;
      });
    });
    var datasets = chartRuns.map(function (run) {
      return {
        label: runName(run),
        backgroundColor: run.colour,
        data: groups.map(function (group) {
          var found = run.categories.filter(function (category) { return category.group === group; })[0];
          return found ? Math.round(found.accuracy * 1000) / 10 : null;
        }),
      };
    });
    if (Object.keys(human).length > 0) {
      datasets.push({
        label: 'examinees',
        backgroundColor: '#9ca3af',
        data: groups.map(function (group) {
          return human[group] === undefined ? null : Math.round(human[group] * 1000) / 10;
        }),
      });
    }
    draw(canvas, {
      type: 'bar',
      data: { labels: groups, datasets: datasets },
      options: {
        indexAxis: 'y',
        scales: { x: { min: 0, max: 100, title: { display: true, text: 'accuracy (%)' } } },
        plugins: {
          legend: { position: 'bottom' },
          title: { display: true, text: 'Accuracy by category (%), examinees in grey' },
        },
      },
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), function (canvas) {
    try {
      if (canvas.getAttribute('data-chart') === 'exam-section') drawSectionChart(canvas);
      else if (canvas.getAttribute('data-chart') === 'categories') drawCategoryChart(canvas);
    } catch (error) {
      canvas.parentNode.appendChild(el('p', { class: 'warning' }, ['Chart failed: ' + error.message]));
    }
  });
  document.body.setAttribute('data-charts-drawn', String(chartsDrawn));

  /* ---- per-question table ---- */
  var table = document.getElementById('q-table');
  if (table) {
    var runSelect = document.getElementById('q-run');
    var verdictSelect = document.getElementById('q-verdict');
    var examSelect = document.getElementById('q-exam');
    var search = document.getElementById('q-search');
    var body = table.querySelector('tbody');
    var count = document.getElementById('q-count');
    var more = document.getElementById('q-more');
    var prefixBox = document.getElementById('q-prefix');
    var pageSize = 100;
    var shown = pageSize;

    runs.forEach(function (run) {
      runSelect.appendChild(el('option', { value: run.id }, [runName(run) + ' (' + run.benchmark + ')']));
    });

    var itemOf = function (run, row) {
      return data.questions.items[run.benchmark + '/' + row.id] || { question: '', choices: [], answer: [] };
    };

    function fillExams() {
      var run = runsById[runSelect.value];
      var exams = [];
      (data.questions.runs[run.id] || []).forEach(function (row) {
        var exam = itemOf(run, row).exam;
        if (exam !== undefined && exams.indexOf(exam) < 0) exams.push(exam);
      });
      while (examSelect.options.length > 1) examSelect.remove(1);
      exams.sort().forEach(function (exam) { examSelect.appendChild(el('option', { value: exam }, [exam])); });
    }

    function showPrefix(run) {
      prefixBox.textContent = '';
      var prefix = data.questions.promptPrefix[run.id];
      if (!prefix) return;
      var children = [el('summary', {}, ['Every prompt of this run begins with these ' + prefix.length + ' messages (system, examples)'])];
      prefix.forEach(function (message) {
        children.push(el('div', { class: 'message' }, [el('span', { class: 'role' }, [message.role]), el('div', { class: 'full' }, [message.content])]));
      });
      prefixBox.appendChild(el('details', {}, children));
    }

    function matches(run, row, needle) {
      if (!needle) return true;
      var item = itemOf(run, row);
      var haystack = [row.id, item.category, item.question, item.choices.join(' '), row.reply, row.explanation, row.reasoning, row.prompt, row.error]
        .filter(function (part) { return typeof part === 'string'; })
        .join('\n')
        .toLowerCase();
      return haystack.indexOf(needle) >= 0;
    }

    function filtered() {
      var run = runsById[runSelect.value];
      var verdict = verdictSelect.value;
      var exam = examSelect.value;
      var needle = search.value.trim().toLowerCase();
      return (data.questions.runs[run.id] || []).filter(function (row) {
        if (verdict && row.verdict !== verdict) return false;
        if (exam && itemOf(run, row).exam !== exam) return false;
        return matches(run, row, needle);
      });
    }

    function questionCell(item, row) {
      var parts = [item.question];
      if (item.context) parts.unshift(item.context);
      item.choices.forEach(function (choice, index) { parts.push(String.fromCharCode(97 + index) + '. ' + choice); });
      var cell = [longText(parts.join('\n'), 140, null)];
      if (item.hasImage) cell.push(el('div', { class: 'small' }, ['(the printed question has an image, not included)']));
      if (row.prompt !== undefined) cell.push(longText(row.prompt, 0, 'prompt'));
      return el('td', { class: 'question' }, cell);
    }

    function replyCell(row) {
      var children = [];
      if (row.reply !== undefined) children.push(longText(row.reply, 200, null));
      else children.push(el('span', { class: 'small' }, ['(no answer)']));
      if (row.reasoning) children.push(longText(row.reasoning, 0, 'reasoning'));
      if (row.explanation !== undefined && row.explanation !== row.reply) children.push(longText(row.explanation, 0, 'explanation'));
      if (row.error) children.push(el('div', { class: 'error' }, [row.error]));
      return el('td', { class: 'reply' }, children);
    }

    function renderRows() {
      var run = runsById[runSelect.value];
      var rows = filtered();
      body.textContent = '';
      rows.slice(0, shown).forEach(function (row) {
        var item = itemOf(run, row);
        var where = [item.exam ? item.exam + (item.section ? ' ' + item.section : '') : null, item.category, item.points !== undefined ? item.points + ' pt' : null]
          .filter(Boolean)
          .join(' · ');
        body.appendChild(
          el('tr', { 'data-id': row.id, 'data-verdict': row.verdict }, [
            el('td', { class: 'id' }, [el('strong', {}, [row.id]), el('div', { class: 'small' }, [where])]),
            questionCell(item, row),
            replyCell(row),
            el('td', { class: 'answer' }, [row.extracted === null ? '—' : row.extracted.join(',') || '(empty)']),
            el('td', { class: 'answer' }, [item.answer.join(',')]),
            el('td', {}, [el('span', { class: 'badge ' + row.verdict, title: row.note }, [row.verdict]), el('div', { class: 'small' }, [row.note])]),
            el('td', { class: 'num' }, [percent(item.humanAccuracy)]),
          ]),
        );
      });
      count.textContent = 'showing ' + Math.min(shown, rows.length) + ' of ' + rows.length + ' matching (' + (data.questions.runs[run.id] || []).length + ' in the run)';
      more.hidden = rows.length <= shown;
    }

    function reset() {
      shown = pageSize;
      renderRows();
    }

    runSelect.addEventListener('change', function () {
      fillExams();
      showPrefix(runsById[runSelect.value]);
      reset();
    });
    verdictSelect.addEventListener('change', reset);
    examSelect.addEventListener('change', reset);
    search.addEventListener('input', reset);
    more.addEventListener('click', function () {
      shown += pageSize;
      renderRows();
    });
    Array.prototype.forEach.call(document.querySelectorAll('a.goto'), function (link) {
      link.addEventListener('click', function () {
        runSelect.value = link.getAttribute('data-run');
        fillExams();
        showPrefix(runsById[runSelect.value]);
        verdictSelect.value = '';
        examSelect.value = '';
        search.value = link.getAttribute('data-id');
        reset();
      });
    });

    if (runs.length > 0) {
      runSelect.value = runs[0].id;
      fillExams();
      showPrefix(runs[0]);
      renderRows();
    }
  }
  document.body.setAttribute('data-ready', 'true');
})();
`;
