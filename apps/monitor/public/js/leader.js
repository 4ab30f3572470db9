import {
  clockText,
  duration,
  el,
  int,
  pct,
  severityOf,
  staffingStatus,
  status,
  templateNodes,
  waitStatus,
} from './format.js';
import { renderLineChart } from './line-chart.js';
import { boardPage } from './board-page.js';
import { shownInLanguage } from './pause-text.js';
import { kpiTiles, periodLabel, renderRateTiles, targetText } from './kpi-tiles.js';
import { agentTable } from './agent-table.js';
import { chosenShiftName, shiftChooser } from './shift-chooser.js';

const { opts, t, state, pbxNow, connect } = boardPage({
  defaultPeriod: 'shift',
  titleKey: 'leaderTitle',
});

const head = (id, cols) => {
  const tr = el('tr');
  for (const [key, num] of cols) tr.append(el('th', num ? 'num' : '', t(key)));
  document.querySelector(`#${id} thead`).replaceChildren(tr);
};
head('waiting-table', [['caller'], ['queue'], ['line'], ['wait', true]]);

// ---- KPI mini tiles -------------------------------------------------------------------------
const TILES = [
  'offered',
  'answerRate',
  'answeredIn10sRate',
  'overFiveMinuteRate',
  'unanswered',
  'satisfactionToday',
];
const tiles = kpiTiles(
  document.getElementById('tiles'),
  TILES.map((id) => ({ id })),
  t,
);

function renderKpis() {
  const k = state.sections.kpis;
  const g = state.targets;
  if (!k || !g) return;
  const { rates, minSample } = severityOf(state.hello);
  renderRateTiles(tiles, t, k, g, rates, minSample);
  tiles.set(
    'unanswered',
    int(k.unanswered),
    'none',
    `${t('abandoned')} ${int(k.abandoned)} · ${t('exited')} ${int(k.exited)}` +
      (k.unknown > 0 ? ` · ${t('unknown')} ${int(k.unknown)}` : ''),
  );
  tiles.set(
    'satisfactionToday',
    pct(k.satisfactionToday.rate),
    status(k.satisfactionToday.rate, rates.satisfactionRate),
    targetText(t, g.satisfactionRate),
  );
  document.getElementById('period-label').textContent = periodLabel(t, k.period);
}

// ---- staffing: needed vs answering for the current 15-minute interval, where on-duty went ----
function renderStaffing() {
  const s = state.sections.staffing;
  if (!s) return;
  const tile = document.getElementById('staffing');
  tile.dataset.status = staffingStatus(s);
  tile.dataset.advice = s.status;
  const number = (key, value) => {
    const span = el('span', 'n', int(value));
    span.dataset.value = key;
    return span;
  };
  // The translator fills every {name}; hand the placeholders back to be filled with elements.
  const template = t('staffingNow', { needed: '{needed}', answering: '{answering}' });
  const nodes = templateNodes(template, {
    needed: number('staffingNeeded', s.neededNow),
    answering: number('staffingAnswering', s.floor.answering),
  });
  // "Spare" only when the advisor says so: never while the last 15 minutes missed a target.
  if (s.gap > 0 || s.status === 'spare') {
    const gap = el(
      'span',
      'gap',
      t(s.gap > 0 ? 'staffingShort' : 'staffingSpare', { n: int(Math.abs(s.gap)) }),
    );
    gap.dataset.value = 'staffingGap';
    nodes.push(' ', gap);
  }
  tile.querySelector('.value').replaceChildren(...nodes);
  renderStaffingFloor(s);
  const cause = staffingLine('staffing-cause', 'cause');
  cause.hidden = s.status !== 'missed';
  if (s.status === 'missed' && s.lastInterval) {
    const last = s.lastInterval;
    cause.textContent = t('staffingMissed', {
      rates: last.missed
        .map((target) =>
          t(`missed_${target}`, {
            rate: pct(target === 'answerRate' ? last.answerRate : last.answeredWithinRate),
          }),
        )
        .join(opts.lang === 'en' ? ', ' : '、'),
      causes: s.causes.map((c) => t(`cause_${c}`)).join(opts.lang === 'en' ? ', ' : '、'),
    });
  }
  const time = (ms) => clockText(new Date(ms), state.timeZone, opts.lang, false);
  const detail = t('staffingDetail', {
    from: time(s.intervalStart),
    to: time(s.intervalEnd),
    load: s.offeredLoad.toFixed(1),
    aht: int(s.handleTimeSeconds),
    acw: int(s.afterCallWorkSeconds),
    erlangC: int(s.neededErlangC),
    scheduled: int(s.scheduled),
  });
  document.getElementById('staffing-detail').textContent = s.forecast
    ? `${detail} · ${forecastText(s.forecast)}`
    : detail;
}

/** 在岗 21 = 可接 8 + 话后 9 + 小休 3 + 培训 1: the pause kinds with anyone in them. */
function renderStaffingFloor(s) {
  const f = s.floor;
  const parts = [
    t('staffingFloor', {
      onDuty: int(s.onDuty),
      able: int(f.ableToAnswer),
      acw: int(f.afterCallWork),
    }),
  ];
  for (const kind of ['break', 'training', 'meeting', 'other']) {
    if (f.pausedByKind[kind] > 0) parts.push(`${t(`pause_${kind}`)} ${int(f.pausedByKind[kind])}`);
  }
  const floor = staffingLine('staffing-floor', 'floor');
  floor.textContent = parts.join(' + ');
  floor.dataset.value = 'staffingFloor';
}

/** The tile's lines for the floor and the cause, made once above its detail line. */
function staffingLine(id, className) {
  const existing = document.getElementById(id);
  if (existing) return existing;
  const line = el('div', className);
  line.id = id;
  document.getElementById('staffing-detail').before(line);
  return line;
}

function forecastText(forecast) {
  if (forecast.method === 'no-history') return t('staffingNoHistory');
  const n = int(forecast.expectedCalls);
  return t(forecast.method === 'history' ? 'staffingForecast' : 'staffingForecastToday', { n });
}

// ---- agents table (agent-table.js) and the shift chooser (shift-chooser.js) ----------------
const agents = agentTable({ t, state, pbxNow, lang: opts.lang });
const shifts = shiftChooser({
  t,
  state,
  lang: opts.lang,
  choose: (shift) => client.resubscribe({ period: 'shift', shift }),
});

// ---- callers waiting ------------------------------------------------------------------------
function renderWaiting() {
  const rows = state.sections.waiting;
  if (!rows) return;
  const body = document.querySelector('#waiting-table tbody');
  if (rows.length === 0) {
    const tr = el('tr');
    const td = el('td', 'empty', t('noneWaiting'));
    td.colSpan = 4;
    tr.append(td);
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(
    ...rows.map((w) => {
      const tr = el('tr');
      tr.dataset.joined = String(w.joinedAt);
      tr.append(
        el('td', '', w.caller ?? '—'),
        el('td', '', w.queue),
        el('td', '', w.lineName ?? '—'),
        el('td', 'num wait', ''),
      );
      return tr;
    }),
  );
  tickTimes();
}

function tickTimes() {
  const now = pbxNow();
  const wait = severityOf(state.hello).wait;
  for (const tr of document.querySelectorAll('#waiting-table tbody tr[data-joined]')) {
    const seconds = (now - Number(tr.dataset.joined)) / 1000;
    tr.querySelector('.wait').textContent = duration(seconds);
    tr.dataset.status = waitStatus(seconds, wait);
  }
}

// ---- alarms ---------------------------------------------------------------------------------
function alarmText(a) {
  switch (a.kind) {
    case 'long-wait':
      return `${t('alarm_long_wait', { n: a.threshold })} — ${a.detail.queue ?? ''} (${duration(a.value)})`;
    case 'kpi-target':
      return `${t('alarm_kpi_target', { kpi: t(a.subject === 'satisfactionRate' ? 'satisfaction' : a.subject) })}: ${pct(a.value)} / ${pct(a.threshold, 0)}`;
    case 'pbx-link':
      return `${t('alarm_pbx_link')}${shownInLanguage(opts.lang, a.detail.reason) ? ` — ${a.detail.reason}` : ''}`;
    default:
      return a.kind;
  }
}

// The leader's name goes with each acknowledgement (none: the server names the token's role).
const LEADER_NAME_KEY = 'hotline.leaderName';
const nameInput = document.getElementById('leader-name');
nameInput.value = localStorage.getItem(LEADER_NAME_KEY) ?? '';
nameInput.addEventListener('change', () =>
  localStorage.setItem(LEADER_NAME_KEY, nameInput.value.trim()),
);

function acknowledge(alarmId) {
  const by = nameInput.value.trim();
  client.send({ type: 'ack', alarmId, ...(by ? { by } : {}) });
}

// Sound on a new or escalated alarm: off on every page load, switched on by a click here (the
// browser lets a page play sound after a gesture only), so a board never starts beeping alone.
const soundToggle = document.getElementById('alarm-sound');
let audio;
soundToggle.addEventListener('change', () => {
  if (soundToggle.checked) audio ??= new AudioContext();
});

function beep(severity) {
  if (!soundToggle.checked || !audio) return;
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = severity === 'critical' ? 880 : 660;
  gain.gain.setValueAtTime(0.2, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.6);
}

function renderAlarms() {
  const lists = state.sections.alarms;
  if (!lists) return;
  const time = (ms) => clockText(new Date(ms), state.timeZone, opts.lang);
  const item = (a) => {
    const li = el('li', `${a.severity}${a.clearedAt ? ' cleared' : ''}`);
    li.dataset.alarmId = a.id;
    if (!a.clearedAt && !a.acknowledged) {
      const button = el('button', 'ack', t('acknowledge'));
      button.type = 'button';
      button.addEventListener('click', () => acknowledge(a.id));
      li.append(button);
    }
    li.append(el('span', '', `${t(a.severity)} · ${alarmText(a)}`));
    li.append(
      el(
        'span',
        'times',
        `${t('raisedAt')} ${time(a.raisedAt)}${a.clearedAt ? ` · ${t('clearedAt')} ${time(a.clearedAt)}` : ''}`,
      ),
    );
    if (a.acknowledged) {
      li.append(
        el(
          'span',
          'acknowledged',
          t('acknowledgedBy', { by: a.acknowledged.by, time: time(a.acknowledged.at) }),
        ),
      );
    }
    return li;
  };
  const fill = (id, list) =>
    document
      .getElementById(id)
      .replaceChildren(
        ...(list.length ? list.map(item) : [el('li', 'cleared empty', t('noAlarms'))]),
      );
  fill('alarms-active', lists.active);
  fill('alarms-recent', lists.recent.slice(0, 15));
}

// ---- trend chart ----------------------------------------------------------------------------
/** Today's 15-minute points over the day, or over the shift on 本班次 (the kpis' period). */
function renderTrend() {
  const points = state.sections.trend;
  const g = state.targets;
  const k = state.sections.kpis;
  if (!points || !g) return;
  const shift = k?.period.startsWith('shift:') ? k : null;
  const dayStart = points[0]?.from ?? pbxNow();
  const [from, to] = shift ? [shift.from, shift.to] : [dayStart, dayStart + 24 * 60 * 60 * 1000];
  const shown = points.filter((p) => p.from >= from && p.from < to);
  document.getElementById('trend-title').textContent = t(shift ? 'trendShift' : 'trend');
  renderLineChart(document.getElementById('trend'), {
    width: 600,
    height: 190,
    x: shown.map((p) => p.from),
    xDomain: [from, to],
    xStepMs: (shift ? 1 : 3) * 60 * 60 * 1000,
    series: [
      { name: t('answerRate'), color: '#38bdf8', values: shown.map((p) => p.answerRate) },
      {
        name: t('answeredIn10sRate'),
        color: '#22c55e',
        values: shown.map((p) => p.answeredIn10sRate),
      },
      {
        name: t('overFiveMinuteRate'),
        color: '#f5a524',
        values: shown.map((p) => p.overFiveMinuteRate),
      },
    ],
    targets: [
      { value: g.answerRate, color: '#38bdf8', label: targetText(t, g.answerRate) },
      { value: g.answeredIn10sRate, color: '#22c55e', label: targetText(t, g.answeredIn10sRate) },
      {
        value: g.overFiveMinuteRate,
        color: '#f5a524',
        label: targetText(t, g.overFiveMinuteRate, true),
      },
    ],
    formatX: (ms) => clockText(new Date(ms), state.timeZone, opts.lang, false),
  });
}

let trendPeriod;
/** The chart follows the period (day or shift): redrawn when the kpis' period changes. */
function trendPeriodChanged(kpis) {
  if (!kpis) return false;
  const changed = kpis.period !== trendPeriod;
  trendPeriod = kpis.period;
  return changed;
}

// ---- wiring ---------------------------------------------------------------------------------
const shiftName = chosenShiftName();
const client = connect({
  views: ['agents', 'alarms'],
  subscription: shiftName ? { shift: shiftName } : {},
  onAlarm: (transition) => {
    if (transition.state === 'raised' || transition.state === 'escalated')
      beep(transition.alarm.severity);
  },
  render: (sections) => {
    if (sections.kpis) {
      renderKpis();
      shifts.render();
    }
    if (sections.staffing) renderStaffing();
    if (sections.agents) agents.render();
    if (sections.waiting) renderWaiting();
    if (sections.alarms) renderAlarms();
    if (sections.trend || trendPeriodChanged(sections.kpis)) renderTrend();
  },
  tick: () => {
    tickTimes();
    agents.tick();
  },
});
