// Which period a board shows, said on every tile that counts over it; the period in the
// address; and the optional rotation between periods (?rotate=today,month&rotateSeconds=30).
import { STRINGS } from './i18n.js';

/** Tiles whose figure is counted over the board's period (the others are "now"). */
const PERIOD_TILES = [
  'offered',
  'answerRate',
  'answeredIn10sRate',
  'overFiveMinuteRate',
  'unanswered',
];

/** Periods long enough for a satisfaction rate; shorter ones show today's. */
const SATISFACTION_PERIODS = new Set(['today', 'week', 'month']);

/** The rotation's default and floor (a wall that flips faster than it can be read helps nobody). */
export const ROTATE_DEFAULT_SECONDS = 60;
export const ROTATE_MIN_SECONDS = 5;

/** "本月" / "month" (a tile's label is short); a shift's own name ("早班") for `shift:<name>`. */
function shortPeriodLabel(t, key) {
  return key.startsWith('shift:') ? key.slice(6) : t(`periodShort_${key}`);
}

/** The satisfaction a board shows for `k` (its kpis section), and over which period. */
export function shownSatisfaction(k) {
  return SATISFACTION_PERIODS.has(k.period)
    ? { period: k.period, ratings: k.satisfaction }
    : { period: 'today', ratings: k.satisfactionToday };
}

/**
 * Names each period-bound tile with its period ("本月话务量", "Answer rate · This month"); the
 * satisfaction tile (`satisfactionId`) with the period its figure is over.
 */
export function labelTilesForPeriod(tiles, t, k, satisfactionId) {
  const label = (id, name, period) => {
    const node = tiles.nodes[id]?.node.querySelector('.label');
    if (node) node.textContent = t('tileInPeriod', { period: shortPeriodLabel(t, period), name });
  };
  for (const id of PERIOD_TILES) label(id, t(id), k.period);
  label(satisfactionId, t('satisfaction'), shownSatisfaction(k).period);
}

/** The period buttons show which one is on (a rotation switches without a click). */
export function pressPeriodButton(period) {
  for (const button of document.querySelectorAll('[data-period]'))
    button.setAttribute('aria-pressed', String(button.dataset.period === period));
}

/** The period chosen by hand goes into the address (a reload keeps it; the link can be shared). */
export function notePeriodInAddress(period) {
  const url = new URL(location.href);
  url.searchParams.set('period', period);
  history.replaceState(history.state, '', url);
  const other = new URLSearchParams(url.search);
  other.set('lang', other.get('lang') === 'en' ? 'zh' : 'en');
  const link = document.getElementById('lang-switch');
  if (link) link.href = `?${other}`;
}

/** The periods a board can name (and the server can count: a subscription with another fails). */
const NAMED_PERIODS = Object.keys(STRINGS.zh)
  .filter((key) => key.startsWith('period_'))
  .map((key) => key.slice('period_'.length));

/**
 * `?rotate=today,month[&rotateSeconds=30]`: the periods to alternate between and for how
 * long each shows; null without one (or with fewer than two periods the board can name).
 */
export function rotationOf(search) {
  const params = new URLSearchParams(search);
  const periods = (params.get('rotate') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((p) => NAMED_PERIODS.includes(p));
  if (periods.length < 2) return null;
  const asked = Number(params.get('rotateSeconds'));
  const seconds =
    Number.isFinite(asked) && asked > 0
      ? Math.max(ROTATE_MIN_SECONDS, asked)
      : ROTATE_DEFAULT_SECONDS;
  return { periods, seconds };
}

/**
 * Alternates the subscription's period every `seconds`, starting after the first. `onSwitch`
 * hears each new period (the page follows the data, which arrives with the server's snapshot).
 */
export function startRotation(client, { periods, seconds }, onSwitch) {
  let index = Math.max(0, periods.indexOf(client.options.subscription.period));
  return setInterval(() => {
    index = (index + 1) % periods.length;
    client.resubscribe({ period: periods[index] });
    onSwitch?.(periods[index]);
  }, seconds * 1000);
}
