import { el, int, pct } from './format.js';

/** The server recomputes the month every 30 s; the wall asks once a minute while it shows it. */
const REFRESH_MS = 60_000;

const INDICATORS = [
  ['volume', 'offered'],
  ['answerRate', 'answerRate'],
  ['answeredIn10sRate', 'answeredIn10sRate'],
  ['overFiveMinuteRate', 'overFiveMinuteRate'],
  ['satisfaction', 'satisfaction'],
];

const points = (n) => String(Math.round(n * 100) / 100);

/**
 * The wallboard's month view (GET /api/v1/month, centre-wide): the month's calls against the
 * monthly target, the scorecard's month-end projection with its points, and 高峰期呼损 — the
 * month's 15-minute intervals with the most loss and their staffing. The month-to-date KPIs
 * are the tiles' (the push with period=month); this panel shows what the tiles cannot.
 * `site`: the site the address asked for (?site=); none, the monitor's own.
 */
export function monthView({ t, state, site }) {
  const panel = document.getElementById('month-panel');
  const volume = card('monthVolumeTitle', 'month-volume');
  const projection = card('monthProjectionTitle', 'month-projection');
  const peaks = card('peakLossTitle', 'month-peaks');
  panel.querySelector('.month-cards').replaceChildren(volume.node, projection.node, peaks.node);
  let summary;
  let timer;

  function card(titleKey, id) {
    const node = el('article', 'month-card');
    node.id = id;
    const body = el('div', 'month-card-body');
    node.append(el('h3', 'month-card-title', t(titleKey)), body);
    return { node, body };
  }

  async function load() {
    try {
      const query = site ? `?site=${encodeURIComponent(site)}` : '';
      const response = await fetch(`/api/v1/month${query}`, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      summary = await response.json();
      panel.dataset.loaded = 'true';
    } catch (error) {
      panel.dataset.loaded = 'false';
      panel.dataset.error = String(error);
    }
    render();
  }

  /** Shows the panel (and keeps it fresh) while the board's period is the month. */
  function follow(period) {
    const active = period === 'month';
    if (active && timer === undefined) {
      void load();
      timer = setInterval(load, REFRESH_MS);
    } else if (!active && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  function render() {
    if (!summary) return;
    renderVolume();
    renderProjection();
    renderPeaks();
  }

  function renderVolume() {
    const k = state.sections.kpis;
    // The live month-to-date count when the tiles show the month, else the stored one.
    const offered = k?.period === 'month' ? k.offered : summary.offeredToDate;
    const target = summary.monthlyOffered;
    const projected = summary.projection?.projected.offered ?? null;
    const big = el('div', 'month-big');
    const value = el('span', 'month-big-value', int(offered));
    value.dataset.value = 'monthOffered';
    big.append(value, el('span', 'month-big-of', ` / ${int(target)}`));
    const bar = el('div', 'month-bar');
    const fill = el('div', 'month-bar-fill');
    fill.style.width = `${Math.min(100, (offered / target) * 100)}%`;
    const pace = el('div', 'month-bar-pace');
    pace.style.left = `${Math.min(100, summary.elapsed * 100)}%`;
    bar.append(fill, pace);
    bar.dataset.status = offered >= summary.offeredTargetToDate ? 'ok' : 'near';
    const onPace = el(
      'div',
      'month-line',
      t('monthOnPace', { n: int(summary.offeredTargetToDate) }),
    );
    onPace.dataset.value = 'monthOnPace';
    const lines = [
      el(
        'div',
        'month-line',
        t('monthTarget', { n: int(target), share: pct(offered / target, 0) }),
      ),
      onPace,
    ];
    if (projected !== null) {
      const line = el('div', 'month-line', t('monthProjectedOffered', { n: int(projected) }));
      line.dataset.value = 'monthProjectedOffered';
      line.dataset.status = projected >= target ? 'ok' : 'near';
      lines.push(line);
    }
    volume.body.replaceChildren(big, bar, ...lines);
  }

  function renderProjection() {
    const p = summary.projection;
    if (!p) {
      projection.body.replaceChildren(el('div', 'month-line', t('monthNoData')));
      return;
    }
    const table = el('table', 'month-table');
    for (const [id, nameKey] of INDICATORS) {
      const s = p.score[id];
      const row = el('tr');
      row.dataset.status = s.points >= s.maxPoints ? 'ok' : 'bad';
      const shown = id === 'volume' ? int(s.value) : s.value === null ? '—' : pct(s.value / 100);
      row.append(
        el('th', '', t(nameKey)),
        el('td', 'num', shown),
        el('td', 'num points', `${points(s.points)} / ${points(s.maxPoints)}`),
      );
      table.append(row);
    }
    const total = el(
      'div',
      'month-total',
      t('monthPoints', { points: points(p.score.points), max: points(p.score.maxPoints) }),
    );
    total.dataset.value = 'monthProjectedPoints';
    const note = el('div', 'month-note', t('monthProjectionNote', { share: pct(p.elapsed, 0) }));
    note.dataset.value = 'monthProjectionNote';
    projection.body.replaceChildren(total, table, note);
  }

  function renderPeaks() {
    if (summary.peakLoss.length === 0) {
      peaks.body.replaceChildren(el('div', 'month-line', t('peakLossNone')));
      return;
    }
    const table = el('table', 'month-table');
    const head = el('tr');
    for (const key of ['peakInterval', 'peakLost', 'peakRate', 'peakAgents'])
      head.append(el('th', key === 'peakInterval' ? '' : 'num', t(key)));
    table.append(head);
    for (const peak of summary.peakLoss) {
      const row = el('tr');
      row.dataset.peak = peak.label;
      row.append(
        // "2026-12-01 10:00" → "12-01 10:00": the month is the view's.
        el('td', '', peak.label.slice(5)),
        el('td', 'num', `${int(peak.lost)} / ${int(peak.offered)}`),
        el('td', 'num', pct(peak.lossRate)),
        el('td', 'num', int(peak.agentsOnDuty)),
      );
      table.append(row);
    }
    peaks.body.replaceChildren(table, el('div', 'month-note', t('peakLossNote')));
  }

  return { follow, render };
}
