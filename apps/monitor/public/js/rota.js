// The rota planner's page: the week's requirement vs the planned and the current rota, the rota
// by shift and weekday, the predicted KPIs, the exports. Reads GET /api/v1/staffing/rota/plan.
import { localizePage, translator } from './i18n.js';
import { el, int, pct } from './format.js';
import { renderLineChart } from './line-chart.js';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh';
const token = params.get('token') ?? undefined;
const t = translator(lang);
const WEEKDAYS = {
  zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
}[lang];
const COLORS = { required: '#ef4444', planned: '#22c55e', current: '#9fb0c8' };

localizePage(t, lang, 'rotaTitle');
const keep = new URLSearchParams();
if (token) keep.set('token', token);
keep.set('lang', lang);
document.getElementById('leader-link').href = `/leader?${keep}`;

/** The Monday on or after today (the week a manager plans next), 'YYYY-MM-DD'. */
function nextMonday() {
  const today = new Date();
  const date = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  date.setUTCDate(date.getUTCDate() + ((8 - date.getUTCDay()) % 7));
  return date.toISOString().slice(0, 10);
}

const weekInput = document.getElementById('week');
weekInput.value = params.get('week') ?? nextMonday();

function planUrl(format) {
  const query = new URLSearchParams({ weekStart: weekInput.value, format, lang });
  if (token) query.set('token', token);
  return `/api/v1/staffing/rota/plan?${query}`;
}

function setStatus(text, state) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.dataset.state = state;
}

async function load() {
  document.body.dataset.state = 'loading';
  setStatus(t('rotaPlanning', { n: 30 }), 'loading');
  document.getElementById('csv-link').href = planUrl('csv');
  document.getElementById('xlsx-link').href = planUrl('xlsx');
  const next = new URLSearchParams(location.search);
  next.set('week', weekInput.value);
  history.replaceState(null, '', `?${next}`);
  try {
    const response = await fetch(planUrl('json'), {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    const body = await response.json();
    if (!response.ok) {
      const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
      throw new Error(message ?? response.statusText);
    }
    render(body);
    document.body.dataset.state = 'ready';
  } catch (error) {
    document.body.dataset.state = 'error';
    setStatus(t('rotaError', { message: error.message }), 'error');
  }
}

function render(plan) {
  setStatus(
    `${plan.weekStart ?? ''} · ${t(plan.requirement === 'met' ? 'rotaMet' : 'rotaShort', {
      n: plan.summary.shortSlots,
      answer: pct(plan.inputs.targets.answerRate, 0),
      within: pct(plan.inputs.targets.answeredWithinRate, 0),
    })} · ${t('rotaTotalTime', { n: plan.solver.totalSeconds.toFixed(1) })}`,
    plan.requirement,
  );
  renderChart(plan);
  renderShiftTable(plan);
  renderKpis(plan);
  renderVerdict(plan);
  renderInputs(plan);
  renderSolver(plan);
}

function renderChart(plan) {
  const slots = plan.slots;
  const x = slots.required.map((_, i) => i * 15 * 60_000);
  const capacity = 1 - plan.inputs.shrinkage;
  const series = [
    { name: t('rotaRequired'), color: COLORS.required, values: slots.required },
    {
      name: t('rotaPlanned'),
      color: COLORS.planned,
      values: slots.answering.map((n) => n * capacity),
    },
    {
      name: t('rotaCurrent'),
      color: COLORS.current,
      values: slots.currentOnDuty.map((n) => n * capacity),
    },
  ];
  const top = Math.max(1, ...series.flatMap((s) => s.values));
  const yMax = Math.ceil((top * 1.1) / 10) * 10;
  renderLineChart(document.getElementById('chart'), {
    width: 1200,
    height: 340,
    x,
    xDomain: [0, 7 * 86_400_000],
    series,
    yMin: 0,
    yMax,
    formatY: (v) => String(Math.round(v)),
    xStepMs: 86_400_000,
    formatX: (ms) => WEEKDAYS[Math.floor(ms / 86_400_000)] ?? '',
  });
}

function renderShiftTable(plan) {
  const head = el('tr');
  head.append(el('th', '', t('rotaShift')), el('th', '', t('rotaTime')));
  for (const day of WEEKDAYS) head.append(el('th', 'num', day));
  head.append(el('th', 'num', t('rotaTotal')));
  document.querySelector('#shift-table thead').replaceChildren(head);
  const rows = plan.shiftTable.map((row) => {
    const tr = el('tr');
    tr.append(el('td', '', row.type), el('td', '', `${row.start}–${row.end}`));
    for (const n of row.people) tr.append(el('td', 'num', n ? String(n) : '·'));
    tr.append(el('td', 'num', String(row.people.reduce((a, b) => a + b, 0))));
    return tr;
  });
  const total = el('tr', 'total');
  total.append(el('td', '', t('rotaTotal')), el('td', '', ''));
  for (let d = 0; d < 7; d++) {
    total.append(el('td', 'num', String(plan.shiftTable.reduce((s, row) => s + row.people[d], 0))));
  }
  total.append(el('td', 'num', ''));
  document.querySelector('#shift-table tbody').replaceChildren(...rows, total);
}

function tile(label, value, sub, status) {
  const article = el('article', 'tile');
  article.dataset.status = status;
  article.append(el('h3', 'label', label), el('div', 'value', value), el('div', 'sub', sub));
  return article;
}

function renderKpis(plan) {
  const month = plan.summary.predictedMonth;
  const current = plan.summary.currentRotaPredictedWeek;
  const targets = plan.inputs.targets;
  const rateStatus = (value, target) => (value >= target ? 'ok' : 'bad');
  document.getElementById('kpi-title').textContent = t('rotaKpis', { month: month.month });
  document
    .getElementById('kpis')
    .replaceChildren(
      tile(
        t('rotaAnswerRate'),
        pct(month.answerRate, 2),
        t('rotaCurrentSub', { value: pct(current.answerRate, 2) }),
        rateStatus(month.answerRate, targets.answerRate),
      ),
      tile(
        t('rotaTenSecond'),
        pct(month.answeredWithinRate, 2),
        t('rotaCurrentSub', { value: pct(current.answeredWithinRate, 2) }),
        rateStatus(month.answeredWithinRate, targets.answeredWithinRate),
      ),
      tile(
        t('rotaLost'),
        int(month.lost),
        t('rotaCurrentSub', { value: int((current.lost * month.offered) / current.offered) }),
        'none',
      ),
      tile(
        t('rotaPeople'),
        `${plan.summary.headcountUsed} / ${plan.summary.seatsUsed}`,
        t('rotaPeopleSub', plan.limits),
        plan.requirement === 'met' ? 'ok' : 'bad',
      ),
    );
}

function renderVerdict(plan) {
  const items = [];
  const item = (text, status) => {
    const li = el('li', status === 'bad' ? 'critical' : '', text);
    li.dataset.status = status;
    items.push(li);
  };
  if (plan.requirement === 'met') {
    item(
      t('rotaMet', {
        answer: pct(plan.inputs.targets.answerRate, 0),
        within: pct(plan.inputs.targets.answeredWithinRate, 0),
      }),
      'ok',
    );
  } else {
    item(t('rotaShort', { n: plan.summary.shortSlots }), 'bad');
    const infeasible = plan.infeasibility;
    if (!infeasible?.proved) item(t('rotaNotFound'), 'near');
    if (infeasible?.proved) {
      item(
        t('rotaProved', {
          headcount: plan.limits.headcount,
          seats: plan.limits.seats,
          hours: infeasible.shortAgentHoursAtLeast,
        }),
        'bad',
      );
    }
    if (infeasible?.smallestSeats.value !== null && infeasible?.smallestSeats.value !== undefined) {
      item(t('rotaSmallestSeats', { n: infeasible.smallestSeats.value }), 'near');
    }
  }
  const fewest = plan.smallestHeadcount;
  if (fewest.value !== null) {
    item(
      fewest.optimal
        ? t('rotaSmallest', { n: fewest.value })
        : t('rotaSmallestRange', { n: fewest.value, lower: fewest.provedAtLeast }),
      'near',
    );
  }
  item(
    t('rotaBound', {
      rate: pct(plan.summary.answerRateAtMost, 2),
      unavoidable: pct(plan.inputs.unavoidableLossShare, 1),
    }),
    'near',
  );
  document.getElementById('verdict').replaceChildren(...items);
}

function renderInputs(plan) {
  const i = plan.inputs;
  const labour = plan.rules.labour;
  const rows = [
    [t('rotaDemand'), demandText(i.demandBasis)],
    [t('rotaCalls'), int(i.callsPerWeek)],
    [
      t('rotaHandle'),
      t('rotaHandleDetail', {
        total: i.handleSeconds,
        talk: i.talkSeconds,
        acw: i.afterCallWorkSeconds,
        source: t(`rotaAcw_${i.afterCallWorkSource}`),
      }),
    ],
    [
      t('rotaPatience'),
      t(`rotaPatience_${i.patienceSource}`, {
        seconds: Math.round(i.meanPatienceSeconds),
        abandons: i.patienceAbandons ?? 0,
      }),
    ],
    [
      t('rotaRules'),
      t('rotaRulesDetail', {
        days: labour.workDaysPerWeek,
        off: 7 - labour.workDaysPerWeek,
        nights: labour.maxConsecutiveNights,
        rest: labour.minRestHours,
        min: i.minAnswering,
      }),
    ],
  ];
  document.querySelector('#inputs-table tbody').replaceChildren(
    ...rows.map(([label, value]) => {
      const tr = el('tr');
      tr.append(el('th', '', label), el('td', '', value));
      return tr;
    }),
  );
}

/** Where the week's calls came from, in the reader's language (plan.inputs.demandBasis). */
function demandText(basis) {
  if (basis.kind === 'history') {
    const history = t('rotaDemandHistory', { weeks: basis.weeks });
    return basis.relevelledTo
      ? `${history}${t('rotaDemandRelevelled', { calls: int(basis.relevelledTo.calls), month: basis.relevelledTo.month })}`
      : history;
  }
  if (basis.kind === 'month-volume') {
    return t('rotaDemandMonth', {
      calls: int(basis.calls),
      month: basis.month,
      from: t(`rotaVolumeFrom_${basis.volumeFrom}`),
    });
  }
  return t('rotaDemandGiven');
}

function renderSolver(plan) {
  const head = el('tr');
  head.append(
    el('th', '', t('rotaStage')),
    el('th', '', t('rotaStatus')),
    el('th', 'num', t('rotaSeconds')),
    el('th', 'num', t('rotaGap')),
  );
  document.querySelector('#solver-table thead').replaceChildren(head);
  document.querySelector('#solver-table tbody').replaceChildren(
    ...plan.solver.stages.map((stage) => {
      const tr = el('tr');
      tr.dataset.status = stage.status === 'optimal' ? 'ok' : 'near';
      tr.append(
        el('td', '', t(`rotaPhase_${stage.phase}`)),
        el('td', '', t(`rotaSolverStatus_${stage.status}`)),
        el('td', 'num', stage.seconds.toFixed(2)),
        el('td', 'num', stage.gap === null ? '—' : pct(stage.gap, 2)),
      );
      return tr;
    }),
  );
}

document.getElementById('plan-button').addEventListener('click', () => void load());
weekInput.addEventListener('change', () => void load());
void load();
