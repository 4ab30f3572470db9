// The platform overview (/platform): every site the monitor shows and their total, from
// GET /api/v1/sites (summed from counts on the server, never here), polled every 2 s. A site's
// card opens that site's wallboard (/?site=).
import { localizePage, translator } from './i18n.js';
import {
  clockText,
  dateText,
  duration,
  el,
  int,
  pct,
  sampledStatus,
  waitStatus,
} from './format.js';
import { kpiTiles, periodLabel, renderRateTiles, targetText } from './kpi-tiles.js';

const POLL_MS = 2_000;
/** No answer for this long: the page says its figures are not live. */
const STALE_MS = 10_000;
const PERIODS = ['today', 'last60m', 'month'];

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh';
const t = translator(lang);
let period = PERIODS.includes(params.get('period')) ? params.get('period') : 'today';
let latest;
let lastAnswerAt = 0;
let failure;

localizePage(t, lang, 'platformTitle');
document.getElementById('coverage').remove();
const tiles = kpiTiles(
  document.getElementById('total-tiles'),
  [
    { id: 'offered' },
    { id: 'answerRate' },
    { id: 'answeredIn10sRate' },
    { id: 'overFiveMinuteRate' },
    { id: 'waiting' },
    { id: 'longestWait' },
  ],
  t,
);

for (const button of document.querySelectorAll('[data-period]')) {
  if (!PERIODS.includes(button.dataset.period)) {
    button.remove();
    continue;
  }
  button.textContent = t(`period_${button.dataset.period}`);
  button.addEventListener('click', () => {
    period = button.dataset.period;
    const next = new URLSearchParams(location.search);
    next.set('period', period);
    history.replaceState(history.state, '', `?${next}`);
    render();
  });
}

async function load() {
  try {
    const response = await fetch('/api/v1/sites', { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    latest = await response.json();
    lastAnswerAt = Date.now();
    failure = undefined;
  } catch (error) {
    failure = String(error);
  }
  render();
}

function render() {
  renderFreshness();
  for (const button of document.querySelectorAll('[data-period]'))
    button.setAttribute('aria-pressed', String(button.dataset.period === period));
  document.getElementById('period-label').textContent = periodLabel(t, period);
  if (!latest) return;
  const { severity, targets } = latest;
  renderTotal(latest.total, severity, targets);
  renderSites(latest.sites, severity, targets);
}

function renderTotal(total, severity, targets) {
  const figures = total.centre[period];
  const omitted = total.omittedPeriods.find((o) => o.period === period);
  const note = document.getElementById('omitted');
  note.hidden = omitted === undefined;
  note.textContent = omitted ? t('platformOmitted') : '';
  if (figures) renderRateTiles(tiles, t, figures, targets, severity.rates, severity.minSample);
  else
    for (const id of ['offered', 'answerRate', 'answeredIn10sRate', 'overFiveMinuteRate'])
      tiles.set(id, '—', 'none', '');
  const wait = total.live.waiting > 0 ? total.live.longestCurrentWaitSeconds : 0;
  tiles.set('waiting', int(total.live.waiting), waitStatus(wait, severity.wait), '');
  tiles.set(
    'longestWait',
    duration(wait),
    waitStatus(wait, severity.wait),
    `${t('target')} < ${severity.wait.alarmSeconds} ${t('secondsUnit')}`,
  );
}

function renderSites(sites, severity, targets) {
  const cards = sites.map((site) => siteCard(site, severity, targets));
  document.getElementById('site-cards').replaceChildren(...cards);
}

function siteCard(site, severity, targets) {
  const card = el('article', 'site-card');
  card.dataset.site = site.site;
  const live = site.pbx.up && site.pbx.ready;
  const link = el('a', 'site-link', site.site);
  const query = new URLSearchParams({ site: site.site, lang, period });
  link.href = `/?${query}`;
  const badge = el('span', 'site-state', live ? `● ${t('live')}` : `● ${t('notLiveReason_pbx')}`);
  badge.dataset.live = String(live);
  card.append(el('h3', 'site-title'), el('dl', 'site-figures'));
  card.firstChild.append(link, badge);
  const figures = site.centre[period];
  const rows = card.lastChild;
  const row = (id, value, state, sub) => {
    const term = el('dt', '', t(id));
    const value_ = el('dd', '', value);
    value_.dataset.value = id;
    value_.dataset.status = state;
    if (sub) value_.title = sub;
    rows.append(term, value_);
  };
  row('offered', int(figures?.offered), 'none');
  for (const [id, ceiling] of [
    ['answerRate', false],
    ['answeredIn10sRate', false],
    ['overFiveMinuteRate', true],
  ]) {
    const sample = figures?.samples?.[id];
    row(
      id,
      pct(figures?.[id]),
      sampledStatus(figures?.[id], severity.rates[id], sample, severity.minSample),
      targetText(t, targets[id], ceiling),
    );
  }
  const wait = site.live.waiting > 0 ? site.live.longestCurrentWaitSeconds : 0;
  row('waiting', int(site.live.waiting), waitStatus(wait, severity.wait));
  row('longestWait', duration(wait), waitStatus(wait, severity.wait));
  return card;
}

function renderFreshness() {
  const silent = lastAnswerAt === 0 || Date.now() - lastAnswerAt > STALE_MS;
  const stale = latest !== undefined && silent;
  document.body.classList.toggle('stale', stale || latest === undefined);
  document.getElementById('stale-banner').hidden = !stale;
  document.getElementById('stale-reason').textContent =
    stale && failure ? ` — ${t('notLiveReason_socket')}` : '';
  const mark = document.getElementById('freshness');
  mark.dataset.live = String(!stale && latest !== undefined);
  mark.textContent = !stale && latest !== undefined ? `● ${t('live')}` : `● ${t('notLive')}`;
}

/** The wall clock in the first site's zone, as the boards show it. */
function clock() {
  const now = new Date();
  const timeZone = latest?.sites[0]?.timeZone ?? 'Asia/Shanghai';
  document.getElementById('clock-time').textContent = clockText(now, timeZone, lang);
  document.getElementById('clock-date').textContent = dateText(now, timeZone, lang);
}

void load();
clock();
setInterval(load, POLL_MS);
setInterval(() => {
  clock();
  renderFreshness();
}, 500);
