import {
  duration,
  el,
  int,
  pct,
  severityOf,
  staffingStatus,
  status,
  waitStatus,
} from './format.js';
import { boardPage } from './board-page.js';
import { flagTimeLimit, limitStart, limitText, markTimeLimit } from './time-limits.js';
import { kpiTiles, periodLabel, renderRateTiles, targetText } from './kpi-tiles.js';
import { monthView } from './month-view.js';
import {
  labelTilesForPeriod,
  pressPeriodButton,
  rotationOf,
  shownSatisfaction,
  startRotation,
} from './period-view.js';

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
  const { rates } = severityOf(state.hello);
  renderRateTiles(tiles, t, k, targets, rates);
  // 呼损 split: abandoned / exited (blocked shown when there are any).
  const lost = tiles.nodes.unanswered;
  lost.value.textContent = int(k.unanswered);
  // Red exactly when the answer rate (over finished calls, the server's) misses its target.
  lost.node.dataset.status = status(k.answerRate, rates.answerRate) === 'bad' ? 'bad' : 'none';
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
    status(sat.rate, rates.satisfactionRate),
    `${targetText(t, targets.satisfactionRate)} · ${int(sat.count)}`,
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
    `${t('target')} < ${alarmSeconds} s`,
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
  const root = document.getElementById('scopes');
  root.replaceChildren(
    ...rows.map((row) => {
      const card = el('div', `scope scope-${row.kind}`);
      card.dataset.status = status(row.answerRate, severityOf(state.hello).rates.answerRate);
      card.append(
        el('div', 'scope-name', row.name),
        el('div', 'scope-rate', pct(row.answerRate, 0)),
        el(
          'div',
          'scope-meta',
          `${int(row.offered)} ${t('calls')} · ${t('waiting')} ${int(row.waiting)}`,
        ),
      );
      return card;
    }),
  );
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
  // Rows about 3.6 times fewer than columns fill a 16:9 strip; 58 seats → 4 rows of 15.
  const rows = Math.max(1, Math.round(Math.sqrt(seats.length / 3.6)));
  root.style.setProperty('--cols', String(Math.ceil(seats.length / rows)));
  root.replaceChildren(
    ...seats.map((seat) => {
      const node = el('div', `seat state-${seat.state}`);
      node.dataset.since = limitStart(seat.timeLimit, seat.since) ?? '';
      markTimeLimit(node, seat.timeLimit);
      const id = seat.agent ? seat.agent.replace(/^[A-Za-z]+\//, '') : String(seat.seat);
      node.append(el('span', 'seat-id', id));
      node.append(el('span', 'seat-time', ''));
      node.append(
        el('span', 'seat-reason', seat.state === 'paused' ? (seat.pauseReason ?? t('paused')) : ''),
      );
      node.title = seat.agent ? `${seat.agent} · ${t(seat.state)}` : t('emptySeat');
      if (seat.timeLimit) node.title += ` (${limitText(t, seat.timeLimit)})`;
      return node;
    }),
  );
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
const month = monthView({ t, state });

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
  },
});

// ?rotate=today,month[&rotateSeconds=30]: the wall alternates between the periods.
const rotation = rotationOf(location.search);
if (rotation) startRotation(client, rotation, pressPeriodButton);
