import type { CallEvent } from '@hotline/call-events';
import { call } from '../wallboard/call-events.builder';

const QUEUE = '12345';
export const ALARM_TEST_AGENT = 'PJSIP/8001';
let next = 0;

/**
 * Finished calls of queue 12345, just now: `answered` answered in 1 s (2 s talk), `abandoned`
 * left after 3 s. Each is its own contact, so they move the centre's answer rate one by one.
 */
export function finishedCalls(answered: number, abandoned: number): CallEvent[] {
  const now = Date.now();
  const events: CallEvent[] = [];
  for (let i = 0; i < answered; i++) {
    const id = `ok-${next++}`;
    events.push(
      call.joined(id, QUEUE, now - 3_000),
      call.answered(id, QUEUE, ALARM_TEST_AGENT, 1, now - 2_000),
      call.ended(id, QUEUE, ALARM_TEST_AGENT, 2, now),
    );
  }
  for (let i = 0; i < abandoned; i++) {
    const id = `lost-${next++}`;
    events.push(call.joined(id, QUEUE, now - 3_000), call.abandoned(id, QUEUE, 3, now));
  }
  return events;
}
