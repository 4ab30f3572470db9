import { el } from './format.js';
import { pauseText } from './pause-text.js';
import { limitStart, limitText, markTimeLimit } from './time-limits.js';

/**
 * One cell of the seat map at its place on the floor grid (config `seats`): the name (else the
 * agent id without its technology), the time in state and, paused, what the pause is. An
 * empty desk of its own owner shows the owner's name, dimmed. A talk or pause past its limit is
 * flagged by time-limits.js (the time shown counts from the answer or the pause's start).
 */
export function seatCell(seat, { t, lang }) {
  const node = el('div', `seat state-${seat.state}`);
  node.style.gridRow = String(seat.row);
  node.style.gridColumn = String(seat.col);
  node.dataset.seat = String(seat.seat);
  node.dataset.agent = seat.agent ?? '';
  node.dataset.since = limitStart(seat.timeLimit, seat.since) ?? '';
  markTimeLimit(node, seat.timeLimit);
  const id = seat.agent ?? seat.owner;
  const label = seat.name ?? (id ? id.replace(/^[A-Za-z]+\//, '') : String(seat.seat));
  node.append(el('span', 'seat-id', label));
  node.append(el('span', 'seat-time', ''));
  node.append(
    el(
      'span',
      'seat-reason',
      seat.state === 'paused' ? pauseText(t, lang, seat.pauseKind, seat.pauseReason) : '',
    ),
  );
  const who = [seat.name, seat.staffNo, seat.agent ?? seat.owner].filter(Boolean).join(' · ');
  node.title = `${t('seat')} ${seat.seat}${who ? ` · ${who}` : ''} · ${
    seat.agent ? t(seat.state) : t('emptySeat')
  }${seat.pauseReason ? ` (${seat.pauseReason})` : ''}`;
  if (seat.timeLimit) node.title += ` (${limitText(t, seat.timeLimit)})`;
  return node;
}
