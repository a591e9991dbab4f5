// SPDX-License-Identifier: Apache-2.0
// Draws the charts of report.html from the embedded JSON (id "report-data"). Each canvas
// element with data-chart=KIND is drawn by DRAW[KIND]; a plugin counts the charts that rendered
// with visible pixels into <body data-charts-drawn> and marks the title " [ready]" when the
// count reaches data-charts-expected. Errors are recorded in <body data-error>.
(function () {
  'use strict';
  const body = document.body;
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const currency = (data.meta && data.meta.currency) || '';
  const PALETTE = ['#1f6feb', '#e36209', '#2da44e', '#8250df', '#cf222e', '#0a7d8c', '#9a6700', '#57606a'];
  const number0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const number2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  const money = (v) => (v < 0 ? '-' : '') + currency + number0.format(Math.abs(v));
  const moneyTick = (v) => (v < 0 ? '-' : '') + currency + compact.format(Math.abs(v));
  const percent = (v, digits) => (v === null || v === undefined) ? 'n/a' : (100 * v).toFixed(digits === undefined ? 1 : digits) + '%';

  function recordError(message) {
    body.dataset.error = (body.dataset.error ? body.dataset.error + '; ' : '') + message;
  }
  window.addEventListener('error', (event) => recordError(String(event.message)));

  // A chart counts as drawn once it rendered and its canvas holds at least one painted pixel.
  let drawn = 0;
  const expected = Number(body.dataset.chartsExpected);
  Chart.register({
    id: 'readyMarker',
    afterRender(chart) {
      if (chart.$echelonCounted) return;
      const pixels = chart.ctx.getImageData(0, 0, chart.canvas.width, chart.canvas.height).data;
      let painted = false;
      for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted = true; break; } }
      if (!painted) return;
      chart.$echelonCounted = true;
      drawn += 1;
      body.dataset.chartsDrawn = String(drawn);
      if (drawn === expected) document.title += ' [ready]';
    },
  });
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = '"DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#1d2733';

  const title = (text) => ({ display: true, text: text, font: { size: 13, weight: '600' } });
  const axisTitle = (text) => ({ display: true, text: text });
  const moneyAxis = (label, extra) => Object.assign({ title: axisTitle(label), ticks: { callback: moneyTick } }, extra || {});
  const percentAxis = (label, extra) => Object.assign({ title: axisTitle(label), ticks: { callback: (v) => percent(v, 0) } }, extra || {});
  const moneyTooltip = { callbacks: { label: (c) => c.dataset.label + ': ' + money(c.parsed.y !== undefined && c.chart.options.indexAxis !== 'y' ? c.parsed.y : c.parsed.x) } };
  const percentTooltip = { callbacks: { label: (c) => c.dataset.label + ': ' + percent(c.parsed.y) } };

  const plan = data.plan || {};
  const speedsOf = (service) => plan.speed_order || Object.keys(service || {});
  // A lower axis limit that keeps differences of a few points visible.
  function lowerLimit(values) {
    const finite = values.filter((v) => typeof v === 'number' && isFinite(v));
    if (!finite.length) return 0;
    return Math.max(0, Math.floor((Math.min.apply(null, finite) - 0.05) * 20) / 20);
  }
  function dates(start, count) {
    const out = [];
    const day = new Date(start + 'T00:00:00Z');
    for (let i = 0; i < count; i++) {
      out.push(new Date(day.getTime() + i * 86400000).toISOString().slice(0, 10));
    }
    return out;
  }

  const DRAW = {
    cost(canvas) {
      const kinds = Object.keys(plan.cost).filter((k) => k !== 'purchase');
      return new Chart(canvas, {
        type: 'bar',
        data: { labels: kinds, datasets: [{ label: 'per week', data: kinds.map((k) => plan.cost[k]), backgroundColor: PALETTE }] },
        options: { indexAxis: 'y', plugins: { title: title('Controllable cost per week'), legend: { display: false }, tooltip: moneyTooltip },
                   scales: { x: moneyAxis('cost per week') } },
      });
    },
    bound(canvas) {
      const labels = ['lower bound', 'plan, relaxed', 'plan, policy', 'plan, fresh scenarios'];
      const values = [plan.lower_bound, plan.plan_cost_relaxed, plan.plan_cost_policy, plan.plan_cost];
      return new Chart(canvas, {
        type: 'bar',
        data: { labels: labels, datasets: [{ label: 'per week', data: values, backgroundColor: ['#2da44e', '#8fb8f5', '#5a96f0', '#1f6feb'] }] },
        options: { plugins: { title: title('Lower bound and plan cost per week'), legend: { display: false }, tooltip: moneyTooltip },
                   scales: { y: moneyAxis('cost per week', { beginAtZero: true }) } },
      });
    },
    gap_terms(canvas) {
      const terms = plan.gap_terms || {};
      const labels = Object.keys(terms).concat(['total gap']);
      const values = Object.values(terms).concat([plan.gap]);
      return new Chart(canvas, {
        type: 'bar',
        data: { labels: labels, datasets: [{ label: 'share of controllable cost', data: values,
                backgroundColor: labels.map((_, i) => (i === labels.length - 1 ? '#14213d' : PALETTE[i])) }] },
        options: { plugins: { title: title('Gap by term (share of controllable cost)'), legend: { display: false },
                              tooltip: { callbacks: { label: (c) => percent(c.parsed.y, 2) } } },
                   scales: { y: { ticks: { callback: (v) => percent(v, 1) } } } },
      });
    },
    capacity(canvas) {
      const rows = data.capacity;
      const nodes = [...new Set(rows.map((r) => r.node))];
      const resources = [...new Set(rows.map((r) => r.resource))];
      const find = (node, resource) => rows.find((r) => r.node === node && r.resource === resource);
      return new Chart(canvas, {
        type: 'bar',
        data: { labels: nodes, datasets: resources.map((resource, i) => ({
          label: resource, backgroundColor: PALETTE[i],
          data: nodes.map((node) => { const r = find(node, resource); return r ? r.utilization : null; }) })) },
        options: {
          plugins: { title: title('Capacity use (share of limit) per node; tooltip shows the shadow price'),
                     tooltip: { callbacks: { label: (c) => {
                       const r = find(c.label, c.dataset.label);
                       const unit = r.resource === 'storage' ? ' m³' : ' units/day';
                       return r.resource + ': ' + number0.format(r.use) + ' of ' + number0.format(r.limit) + unit +
                              ' (' + percent(r.utilization) + '), price ' + currency + number2.format(r.price) + '/week';
                     } } } },
          scales: { y: percentAxis('use / limit', { min: 0, suggestedMax: 1 }) },
        },
      });
    },
    service(canvas) {
      const speeds = speedsOf(plan.service);
      const get = (key) => speeds.map((s) => plan.service[s][key]);
      const all = get('fill').concat(get('on_time'), get('target'));
      return new Chart(canvas, {
        data: { labels: speeds, datasets: [
          { type: 'bar', label: 'fill', data: get('fill'), backgroundColor: PALETTE[0] },
          { type: 'bar', label: 'on time', data: get('on_time'), backgroundColor: PALETTE[2] },
          { type: 'line', label: 'target', data: get('target'), showLine: false, pointStyle: 'line', pointRadius: 28,
            pointBorderWidth: 3, borderColor: PALETTE[4], backgroundColor: PALETTE[4] },
        ] },
        options: { plugins: { title: title('Fill and on-time rate per speed vs target'), tooltip: percentTooltip },
                   scales: { y: percentAxis('share of demand', { min: lowerLimit(all), max: 1 }) } },
      });
    },
    stock_service(canvas) {
      const points = data.stock_service.slice().sort((a, b) => a.stock_value - b.stock_value);
      const seen = [...new Set(points.flatMap((p) => Object.keys(p.on_time || {})))];
      const speeds = (plan.speed_order || []).filter((s) => seen.includes(s)).concat(seen.filter((s) => !(plan.speed_order || []).includes(s)));
      const all = [];
      const datasets = speeds.map((speed, i) => {
        const values = points.filter((p) => p.on_time && typeof p.on_time[speed] === 'number')
          .map((p) => ({ x: p.stock_value, y: p.on_time[speed], policy: p.policy, source: p.source }));
        values.forEach((v) => all.push(v.y));
        return { label: 'on time, ' + speed, data: values, showLine: true, borderColor: PALETTE[i], backgroundColor: PALETTE[i],
                 pointRadius: 5, pointStyle: values.map((v) => (v.source === 'plan' ? 'triangle' : 'circle')) };
      });
      return new Chart(canvas, {
        type: 'scatter',
        data: { datasets: datasets },
        options: { plugins: { title: title('Stock-to-service: on-time rate vs average stock value (triangle: plan, model)'),
                              tooltip: { callbacks: { label: (c) => c.raw.policy + ': ' + percent(c.raw.y) + ' at ' + money(c.raw.x) } } },
                   scales: { x: moneyAxis('average stock value'), y: percentAxis('on-time rate', { min: lowerLimit(all), max: 1 }) } },
      });
    },
    fan(canvas) {
      const fan = data.fans.skus[Number(canvas.dataset.index)];
      const history = fan.history || [];
      const labels = (history.length ? dates(fan.history_start, history.length) : []).concat(dates(fan.forecast_start, fan.mean.length));
      const pad = (values, before) => new Array(before).fill(null).concat(values);
      const offset = history.length;
      return new Chart(canvas, {
        type: 'line',
        data: { labels: labels, datasets: [
          { label: 'history', data: history, borderColor: '#57606a', borderWidth: 1, pointRadius: 0 },
          { label: '90%', data: pad(fan.p90, offset), borderColor: 'rgba(31,111,235,0.25)', borderWidth: 1, pointRadius: 0, fill: false },
          { label: '10-90%', data: pad(fan.p10, offset), borderColor: 'rgba(31,111,235,0.25)', borderWidth: 1, pointRadius: 0,
            fill: '-1', backgroundColor: 'rgba(31,111,235,0.18)' },
          { label: 'mean', data: pad(fan.mean, offset), borderColor: PALETTE[0], borderWidth: 2, pointRadius: 0 },
        ] },
        options: { plugins: { title: title(fan.sku + ': units per day'),
                              legend: { labels: { filter: (item) => item.text !== '90%', boxWidth: 12 } },
                              tooltip: { mode: 'index', intersect: false, filter: (item) => item.raw !== null,
                                         callbacks: { label: (c) => c.dataset.label + ': ' + number2.format(c.parsed.y) } } },
                   scales: { x: { ticks: { maxTicksLimit: 6, maxRotation: 0, callback: function (v) { return this.getLabelForValue(v).slice(5); } } },
                             y: { min: 0, ticks: { callback: (v) => compact.format(v) } } } },
      });
    },
    accuracy(canvas) {
      const rows = data.accuracy.segments;
      return new Chart(canvas, {
        type: 'bar',
        data: { labels: rows.map((r) => r.segment), datasets: [
          { label: 'MASE', data: rows.map((r) => r.mase), backgroundColor: PALETTE[0] },
          { label: 'RMSSE', data: rows.map((r) => r.rmsse), backgroundColor: PALETTE[1] },
          { label: '80% coverage', data: rows.map((r) => r.coverage80), backgroundColor: PALETTE[2] },
          { label: '95% coverage', data: rows.map((r) => r.coverage95), backgroundColor: PALETTE[3] },
        ] },
        options: { plugins: { title: title('Forecast accuracy by segment (scaled errors; coverage as a fraction)'),
                              tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + number2.format(c.parsed.y) } } },
                   scales: { y: { min: 0 } } },
      });
    },
    comparison(canvas) {
      const rows = data.comparison.rows;
      const kinds = ['holding_cost', 'inbound_cost', 'outbound_cost', 'downgrade_cost', 'lost_sale_cost']
        .filter((k) => rows.some((r) => typeof r[k] === 'number'));
      return new Chart(canvas, {
        type: 'bar',
        data: { labels: rows.map((r) => r.policy), datasets: kinds.map((k, i) => ({
          label: k.replace('_cost', '').replace('_', ' '), data: rows.map((r) => r[k]), backgroundColor: PALETTE[i] })) },
        options: { indexAxis: 'y',
                   plugins: { title: title('Controllable cost per policy over the simulated days, by kind'),
                              tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + money(c.parsed.x) } } },
                   scales: { x: moneyAxis('cost', { stacked: true }), y: { stacked: true } } },
      });
    },
  };

  document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
    const kind = canvas.dataset.chart;
    try {
      if (!DRAW[kind]) throw new Error('no drawing for chart ' + kind);
      DRAW[kind](canvas);
    } catch (error) {
      recordError(kind + ': ' + error.message);
    }
  });
})();
