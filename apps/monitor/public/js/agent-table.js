// The leader's agent table: every agent on duty at a glance (two columns of compact rows, so 80
// agents fit 1920×1080 without scrolling), sortable by a click on a heading, filterable by
// state, queue and flag, with talks and pauses past their limits flagged as they cross them.
import { duration, el, int, pct, severityOf, status } from './format.js';
import { agentNameCell } from './agent-name.js';
import { pauseText } from './pause-text.js';
import { flagTimeLimit, isOver, limitStart, limitText, markTimeLimit } from './time-limits.js';

const STATES = ['available', 'ringing', 'on-call', 'wrap-up', 'paused', 'logged-out'];
const STATE_ORDER = Object.fromEntries(
  ['on-call', 'ringing', 'wrap-up', 'available', 'paused', 'logged-out'].map((s, i) => [s, i]),
);
const FLAGS = ['any', 'long-talk', 'long-pause'];
/** Below this many rows one column is enough. */
const ONE_COLUMN_ROWS = 24;

const byAgentId = (a, b) => a.agent.localeCompare(b.agent, 'en', { numeric: true });
const orNegative = (value) => (value === null || value === undefined ? -1 : value);

/** Each column: its heading key, whether numeric, and the value it sorts by. */
const COLUMNS = [
  { key: 'agent', sortBy: null },
  { key: 'state', sortBy: (a) => STATE_ORDER[a.state] },
  { key: 'timeInState', num: true, sortBy: (a, now) => now - limitStart(a.timeLimit, a.since) },
  { key: 'answered', num: true, sortBy: (a) => a.answeredToday },
  { key: 'aht', num: true, sortBy: (a) => orNegative(a.ahtSecondsToday) },
  { key: 'over5', num: true, sortBy: (a) => a.overFiveMinutesToday },
  { key: 'satisfaction', num: true, sortBy: (a) => orNegative(a.satisfactionToday.rate) },
  { key: 'occupancy', num: true, sortBy: (a) => orNegative(a.occupancyToday) },
];

/**
 * @param {{ t: Function, state: object, pbxNow: () => number, lang: string }} page
 * Returns `render()` (new agents section) and `tick()` (twice a second).
 */
export function agentTable({ t, state, pbxNow, lang }) {
  const tables = [...document.querySelectorAll('.agent-columns table')];
  const filters = {
    state: document.getElementById('filter-state'),
    queue: document.getElementById('filter-queue'),
    flag: document.getElementById('filter-flag'),
  };
  // The server's order (state, then agent id) until the leader clicks a heading.
  const sort = { key: null, descending: false };

  const all = t('filterAll');
  fillSelect(filters.state, STATES, (s) => t(s), all);
  for (const select of Object.values(filters)) select.addEventListener('change', render);

  function renderHeadings() {
    for (const table of tables) {
      const tr = el('tr');
      for (const column of COLUMNS) {
        const th = el('th', column.num ? 'num sortable' : 'sortable', t(column.key));
        th.dataset.sort = column.key;
        th.title = t('sortHint');
        if (sort.key === column.key)
          th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
        th.addEventListener('click', () => {
          // Numbers first from the largest (the longest time, the most calls).
          if (sort.key === column.key) sort.descending = !sort.descending;
          else Object.assign(sort, { key: column.key, descending: Boolean(column.num) });
          renderHeadings();
          render();
        });
        tr.append(th);
      }
      table.querySelector('thead').replaceChildren(tr);
    }
  }
  renderHeadings();

  function shownRows(now) {
    const rows = (state.sections.agents ?? []).filter(
      (a) => a.state !== 'logged-out' || a.answeredToday > 0,
    );
    renderFilterChoices(rows);
    const wantedState = filters.state.value;
    const wantedQueue = filters.queue.value;
    const wantedFlag = filters.flag.value;
    const shown = rows.filter(
      (a) =>
        (!wantedState || a.state === wantedState) &&
        (!wantedQueue || a.queues.includes(wantedQueue)) &&
        (!wantedFlag || flagOf(a, now) === wantedFlag || (wantedFlag === 'any' && flagOf(a, now))),
    );
    const column = COLUMNS.find((c) => c.key === sort.key);
    if (column) {
      const value = column.sortBy ?? (() => 0);
      const sign = sort.descending ? -1 : 1;
      shown.sort((a, b) => sign * (value(a, now) - value(b, now)) || sign * byAgentId(a, b));
    }
    document.getElementById('agents-shown').textContent = t('agentsShown', {
      n: int(shown.length),
      total: int(rows.length),
    });
    return shown;
  }

  function renderFilterChoices(rows) {
    const queues = [...new Set(rows.flatMap((a) => a.queues))].sort();
    fillSelect(filters.queue, queues, (q) => q, all);
    const longTalk = state.hello?.timeLimits?.longTalkSeconds ?? 300;
    fillSelect(
      filters.flag,
      FLAGS,
      (f) =>
        f === 'long-talk'
          ? limitText(t, { kind: f, limitSeconds: longTalk })
          : t(`filterFlag_${f}`),
      all,
    );
  }

  function render() {
    const now = pbxNow();
    const rows = shownRows(now).map((a) => row(a));
    const perColumn = rows.length <= ONE_COLUMN_ROWS ? rows.length : Math.ceil(rows.length / 2);
    tables[0].querySelector('tbody').replaceChildren(...rows.slice(0, perColumn));
    tables[1].querySelector('tbody').replaceChildren(...rows.slice(perColumn));
    tables[1].hidden = rows.length <= perColumn;
    tick();
  }

  function row(a) {
    const tr = el('tr');
    tr.dataset.agent = a.agent;
    tr.dataset.state = a.state;
    tr.dataset.since = String(limitStart(a.timeLimit, a.since));
    markTimeLimit(tr, a.timeLimit);
    const badge = el(
      'span',
      `badge state-${a.state}`,
      a.state === 'paused' ? pauseText(t, lang, a.pauseKind, a.pauseReason) : t(a.state),
    );
    const stateCell = el('td');
    stateCell.append(badge);
    const time = el('td', 'num time-in-state', '');
    if (a.timeLimit) time.title = limitText(t, a.timeLimit);
    const sat = el(
      'td',
      'num',
      a.satisfactionToday.count
        ? `${pct(a.satisfactionToday.rate, 0)} (${a.satisfactionToday.count})`
        : '—',
    );
    if (a.satisfactionToday.count)
      sat.dataset.status = status(
        a.satisfactionToday.rate,
        severityOf(state.hello).rates.satisfactionRate,
      );
    tr.append(
      agentNameCell(a),
      stateCell,
      time,
      el('td', 'num', int(a.answeredToday)),
      el('td', 'num', duration(a.ahtSecondsToday)),
      el('td', 'num', int(a.overFiveMinutesToday)),
      sat,
      el('td', 'num', pct(a.occupancyToday, 0)),
    );
    return tr;
  }

  /** Counts up and flags between pushes; a flag filter or a time sort re-renders as rows cross. */
  function tick() {
    const now = pbxNow();
    let changed = false;
    for (const tr of document.querySelectorAll('.agent-columns tbody tr')) {
      tr.querySelector('.time-in-state').textContent = duration(
        (now - Number(tr.dataset.since)) / 1000,
      );
      const was = tr.classList.contains('over-limit');
      if (flagTimeLimit(tr, now) !== was) changed = true;
    }
    return changed && filters.flag.value !== '';
  }

  return {
    render,
    tick: () => {
      if (tick() || sort.key === 'timeInState') render();
    },
  };
}

function flagOf(agent, now) {
  return isOver(agent.timeLimit, now) ? agent.timeLimit.kind : null;
}

/** Keeps a filter's choice while its options change ('' = all, the first option). */
function fillSelect(select, values, label, allText) {
  const wanted = select.value;
  const key = JSON.stringify(values.map((v) => [v, label(v)]));
  if (select.dataset.options === key) return;
  select.dataset.options = key;
  const all = el('option', '', allText);
  all.value = '';
  select.replaceChildren(
    all,
    ...values.map((v) => {
      const option = el('option', '', label(v));
      option.value = v;
      return option;
    }),
  );
  select.value = values.includes(wanted) ? wanted : '';
}
