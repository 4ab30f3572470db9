import {
  duration,
  el,
  int,
  pct,
  sampledStatus,
  severityOf,
  staffingStatus,
  waitStatus,
} from './format.js';
import { boardPage } from './board-page.js';
import { flagTimeLimit } from './time-limits.js';
import { kpiTiles, periodLabel, renderRateTiles, targetText } from './kpi-tiles.js';
import { monthView } from './month-view.js';
import {
  labelTilesForPeriod,
  pressPeriodButton,
  rotationOf,
  shownSatisfaction,
  startRotation,
} from './period-view.js';
import { scopeCard, tickScopeWaits } from './scope-card.js';
import { seatCell } from './seat-cell.js';

const { opts, t, state, pbxNow, connect } = boardPage({
  defaultPeriod: 'today',
  titleKey: 'title',
});

// ---- tiles -------------------------------------------------------------------------------
const TILES = [
  { id: 'offered' },
  { id: 'answerRate' },
  { id: 'answeredIn10sRate' },
  { id: 'overFiveMinuteRate' },
  { id: 'unanswered' },
  { id: 'waiting' },
  { id: 'longestWait' },
  { id: 'agents', wide: true },
  { id: 'satisfactionToday' },
];
const tiles = kpiTiles(document.getElementById('tiles'), TILES, t);

function renderKpis() {
  const k = state.sections.kpis;
  const targets = state.targets;
  if (!k || !targets) return;
  const { rates, minSample } = severityOf(state.hello);
  renderRateTiles(tiles, t, k, targets, rates, minSample);
  // 呼损 split: abandoned / exited (blocked shown when there are any).
  const lost = tiles.nodes.unanswered;
  lost.value.textContent = int(k.unanswered);
  // Red exactly when the answer rate (over finished calls, the server's) misses its target over
  // enough calls to judge (alarms.minSample, as renderRateTiles).
  lost.node.dataset.status =
    sampledStatus(k.answerRate, rates.answerRate, k.samples?.answerRate, minSample) === 'bad'
      ? 'bad'
      : 'none';
  lost.sub.replaceChildren(
    el('span', 'split', `${t('abandoned')} ${int(k.abandoned)}`),
    el('span', 'split', `${t('exited')} ${int(k.exited)}`),
    ...(k.blocked > 0 ? [el('span', 'split', `${t('blocked')} ${int(k.blocked)}`)] : []),
    // Gone while the monitor did not see the PBX: not 呼损, not answered — shown apart.
    ...(k.unknown > 0 ? [el('span', 'split unknown', `${t('unknown')} ${int(k.unknown)}`)] : []),
  );
  const sat = shownSatisfaction(k).ratings;
  tiles.set(
    'satisfactionToday',
    pct(sat.rate),
    sampledStatus(sat.rate, rates.satisfactionRate, sat.count, minSample),
    `${targetText(t, targets.satisfactionRate)} · ${t('ratingsCount', { n: sat.count })}`,
  );
  labelTilesForPeriod(tiles, t, k, 'satisfactionToday');
  document.getElementById('period-label').textContent = periodLabel(t, k.period);
  // The month view follows the figures shown, not the button pressed: both change together.
  const period = k.period.startsWith('shift:') ? 'shift' : k.period;
  document.body.dataset.period = period;
  month.follow(period);
  month.render();
}

function renderLive() {
  const live = state.sections.live;
  if (!live) return;
  tiles.set(
    'waiting',
    int(live.waiting),
    live.waiting > 0 ? waitStatus(longestWaitNow(), severityOf(state.hello).wait) : 'ok',
    '',
  );
  renderLongestWait();
}

function longestWaitNow() {
  const live = state.sections.live;
  if (!live || live.longestWaitingSince === null) return 0;
  return Math.max(live.longestCurrentWaitSeconds, (pbxNow() - live.longestWaitingSince) / 1000);
}

function renderLongestWait() {
  const live = state.sections.live;
  if (!live) return;
  const alarmSeconds = state.hello?.waitAlarmSeconds ?? 60;
  const seconds = longestWaitNow();
  tiles.set(
    'longestWait',
    live.waiting > 0 ? duration(seconds) : '0:00',
    waitStatus(seconds, severityOf(state.hello).wait),
    `${t('target')} < ${alarmSeconds} ${t('secondsUnit')}`,
  );
}

function renderAgentCounts() {
  const c = state.sections.agentCounts;
  if (!c) return;
  const tile = tiles.nodes.agents;
  tile.node.dataset.status = c.available === 0 && c.onDuty > 0 ? 'near' : 'none';
  const cell = (key, value) => {
    const box = el('div', `count state-${key}`);
    box.append(el('span', 'n', int(value)), el('span', 'k', t(key)));
    return box;
  };
  tile.value.replaceChildren(
    cell('available', c.available),
    cell('onCall', c.onCall + c.ringing),
    cell('paused', c.paused),
    cell('wrapUp', c.wrapUp),
  );
  renderAgentsSub();
}

/**
 * 在岗 from agentCounts, and beside it the staffing advisor's 需要 for this interval. The advisor
 * staffs the centre, so a board filtered to some queues or lines leaves it out (its 在岗 would
 * not be the advisor's).
 */
function renderAgentsSub() {
  const c = state.sections.agentCounts;
  const s = state.sections.staffing;
  if (!c) return;
  const sub = tiles.nodes.agents.sub;
  const onDuty = el('span', '', `${t('onDuty')} ${int(c.onDuty)}`);
  if (!s || opts.queues.length > 0 || opts.lines.length > 0) {
    sub.replaceChildren(onDuty);
    return;
  }
  const needed = el('span', 'staffing-compact', t('staffingCompact', { needed: int(s.neededNow) }));
  needed.dataset.value = 'staffingNeeded';
  needed.dataset.status = staffingStatus(s);
  if (s.gap > 0) needed.textContent += ` ${t('staffingShort', { n: int(s.gap) })}`;
  if (s.status === 'missed') needed.textContent += ` · ${t('staffingMissedCompact')}`;
  sub.replaceChildren(onDuty, needed);
}

// ---- queue / line strip ----------------------------------------------------------------
function renderScopes() {
  const rows = state.sections.scopes;
  if (!rows || !state.targets) return;
  const severity = severityOf(state.hello);
  document
    .getElementById('scopes')
    .replaceChildren(...rows.map((row) => scopeCard(row, { t, severity, now: pbxNow() })));
}

// ---- seat map ---------------------------------------------------------------------------
const STATES = ['available', 'ringing', 'on-call', 'wrap-up', 'paused', 'logged-out'];
const legend = document.getElementById('legend');
legend.replaceChildren(
  ...STATES.map((s) => {
    const item = el('span', `legend-item state-${s}`);
    item.append(el('i', 'swatch'), el('span', '', t(s)));
    return item;
  }),
);

function renderSeats() {
  const seats = state.sections.seats;
  if (!seats) return;
  const root = document.getElementById('seatmap');
  // The floor's grid (config `seats`): cells sit at their row and column, gaps stay empty.
  root.style.setProperty('--cols', String(Math.max(1, ...seats.map((s) => s.col))));
  root.style.setProperty('--rows', String(Math.max(1, ...seats.map((s) => s.row))));
  root.replaceChildren(...seats.map((seat) => seatCell(seat, { t, lang: opts.lang })));
  tickSeats();
}

function tickSeats() {
  const now = pbxNow();
  for (const node of document.querySelectorAll('#seatmap .seat')) {
    const since = Number(node.dataset.since);
    if (!since) continue;
    flagTimeLimit(node, now);
    node.querySelector('.seat-time').textContent = duration((now - since) / 1000);
  }
}

// ---- month view ---------------------------------------------------------------------------
const month = monthView({ t, state, site: opts.site });

// ---- wiring -------------------------------------------------------------------------------
const client = connect({
  views: ['wallboard'],
  render: (sections) => {
    if (sections.kpis) renderKpis();
    if (sections.live) renderLive();
    if (sections.agentCounts) renderAgentCounts();
    else if (sections.staffing) renderAgentsSub();
    if (sections.scopes) renderScopes();
    if (sections.seats) renderSeats();
  },
  tick: () => {
    tickSeats();
    renderLongestWait();
    tickScopeWaits({ t, severity: severityOf(state.hello), now: pbxNow() });
  },
});

// ?rotate=today,month[&rotateSeconds=30]: the wall alternates between the periods.
const rotation = rotationOf(location.search);
if (rotation) startRotation(client, rotation, pressPeriodButton);
