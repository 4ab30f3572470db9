import { duration, el, int, pct, sampledStatus, waitStatus } from './format.js';

/**
 * A queue's or a line's card in the strip: what it is (队列 or 热线, a line by its configured
 * name), its answer rate (neutral with its count over fewer calls than minSample), its calls,
 * who is waiting and the longest of them, counting up between pushes.
 */
export function scopeCard(row, { t, severity, now }) {
  const card = el('div', `scope scope-${row.kind}`);
  card.dataset.kind = row.kind;
  card.dataset.id = row.id;
  card.dataset.status = sampledStatus(
    row.answerRate,
    severity.rates.answerRate,
    row.answerRateSample,
    severity.minSample,
  );
  const head = el('div', 'scope-name');
  head.append(el('span', `scope-kind kind-${row.kind}`, t(row.kind)), el('span', '', row.name));
  const small = row.answerRateSample < (severity.minSample ?? 0);
  const rate = el('div', 'scope-rate', pct(row.answerRate, 0));
  if (small) rate.append(el('span', 'scope-sample', t('smallSample', { n: row.answerRateSample })));
  const wait = el('span', 'scope-wait', '');
  wait.dataset.since = row.longestWaitingSince ?? '';
  wait.dataset.seconds = String(row.longestCurrentWaitSeconds);
  const meta = el('div', 'scope-meta');
  meta.append(
    el('span', '', t('callCount', { n: row.offered })),
    el('span', '', `${t('waiting')} ${int(row.waiting)}`),
    wait,
  );
  card.append(head, rate, meta);
  tickWait(wait, { t, severity, now });
  return card;
}

/** Counts every card's longest wait up to `now` (PBX clock). */
export function tickScopeWaits(context) {
  for (const node of document.querySelectorAll('#scopes .scope-wait')) tickWait(node, context);
}

function tickWait(node, { t, severity, now }) {
  const since = Number(node.dataset.since);
  if (!since) {
    node.textContent = '';
    node.dataset.status = 'none';
    return;
  }
  const seconds = Math.max(Number(node.dataset.seconds), (now - since) / 1000);
  node.textContent = `${t('longestShort')} ${duration(seconds)}`;
  node.dataset.status = waitStatus(seconds, severity.wait);
}
