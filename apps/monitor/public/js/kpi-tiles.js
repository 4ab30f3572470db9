import { el, int, pct, sampledStatus } from './format.js';

/**
 * The KPI tiles of a board (wallboard and leader view): one article per tile under `root`
 * (`{ id, wide? }`), each with its label, a value and a sub line.
 */
export function kpiTiles(root, tiles, t) {
  const nodes = {};
  for (const tile of tiles) {
    const node = el('article', `tile tile-${tile.id}${tile.wide ? ' wide' : ''}`);
    node.dataset.tile = tile.id;
    node.dataset.status = 'none';
    const value = el('div', 'value', '—');
    value.dataset.value = tile.id;
    const sub = el('div', 'sub', '');
    node.append(el('h3', 'label', t(tile.id)), value, sub);
    root.append(node);
    nodes[tile.id] = { node, value, sub };
  }
  /** Sets a tile's value and status; its sub line too when given. */
  const set = (id, text, tileStatus, subText) => {
    const tile = nodes[id];
    tile.value.textContent = text;
    tile.node.dataset.status = tileStatus;
    if (subText !== undefined) tile.sub.textContent = subText;
  };
  return { nodes, set };
}

/** "target ≥ 95%" (or "< 36%" for a ceiling). */
export function targetText(t, target, ceiling) {
  return `${t('target')} ${ceiling ? '<' : '≥'} ${pct(target, 0)}`;
}

/**
 * The tiles every board shows alike: offered, and the three graded rates against their
 * targets, coloured by the severity scheme's rate bands — neutral, with their count, over
 * fewer calls than `minSample` (the scheme's; undefined: every rate is judged).
 */
export function renderRateTiles({ set }, t, k, targets, rates, minSample) {
  const samples = k.samples ?? {};
  set('offered', int(k.offered), 'none', `${t('answered')} ${int(k.answered)}`);
  const rate = (id, ceiling) => {
    const sample = samples[id];
    const small = sample !== undefined && minSample !== undefined && sample < minSample;
    set(
      id,
      pct(k[id]),
      sampledStatus(k[id], rates[id], sample, minSample),
      `${targetText(t, targets[id], ceiling)}${small ? ` · ${t('smallSample', { n: sample })}` : ''}`,
    );
  };
  rate('answerRate');
  rate('answeredIn10sRate');
  rate('overFiveMinuteRate', true);
}

/** "today", "this month", or "shift · day" for a `shift:<name>` period key. */
export function periodLabel(t, key) {
  if (key.startsWith('shift:')) return `${t('period_shift')} · ${key.slice(6)}`;
  return t(`period_${key}`);
}
