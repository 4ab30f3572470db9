import fc from 'fast-check';
import type { CallEvent } from '@hotline/call-events';
import { ev, SECOND, T0 } from './call-event.factory';

/** Random centre traffic for the KPI engine's property specs. */

export interface Visit {
  readonly queue: string;
  readonly outcome: 'answered' | 'abandoned' | 'exited' | 'refused' | 'waiting' | 'talking';
  readonly wait: number;
  readonly talk: number;
  readonly agent: string;
  /** The caller's survey score after an answered visit (null: not rated). */
  readonly rating: number | null;
}

export interface Contact {
  /** Seconds after T0. */
  readonly start: number;
  readonly visits: readonly Visit[];
}

/** One visit of a contact to a queue: answered, abandoned, exited, refused, or still in flight. */
export const visitArb: fc.Arbitrary<Visit> = fc.record({
  queue: fc.constantFrom('q1', 'q2', 'q3'),
  outcome: fc.constantFrom('answered', 'abandoned', 'exited', 'refused', 'waiting', 'talking'),
  wait: fc.integer({ min: 0, max: 40 }),
  talk: fc.integer({ min: 0, max: 700 }),
  agent: fc.constantFrom('a1', 'a2', 'a3'),
  rating: fc.option(fc.integer({ min: 1, max: 5 })),
});

/** One random contact: up to three visits. */
export const contactArb: fc.Arbitrary<Contact> = fc.record({
  start: fc.integer({ min: 0, max: 3_600 }),
  visits: fc.array(visitArb, { minLength: 1, maxLength: 3 }),
});

/** A random centre's traffic: up to 25 contacts. */
export const contactsArb = fc.array(contactArb, { minLength: 1, maxLength: 25 });

/**
 * The events of the contacts, in time order. `site` qualifies every name (call, contact, queue,
 * agent, rating) the way one engine fed several PBXs' calls would have to: `<site>/<name>`.
 */
export function eventsOf(contacts: readonly Contact[], site?: string): CallEvent[] {
  const name = (n: string): string => (site === undefined ? n : `${site}/${n}`);
  const events: CallEvent[] = [];
  contacts.forEach((contact, c) => {
    let at = T0 + contact.start * SECOND;
    contact.visits.forEach((v, i) => {
      const callId = name(`k${c}v${i}`);
      const queue = name(v.queue);
      const agent = name(v.agent);
      const o = { queue, contactId: name(`k${c}`) };
      if (v.outcome === 'refused') {
        events.push(ev.refused(callId, at, 'full', o));
        return;
      }
      events.push(ev.joined(callId, at, o));
      const end = at + v.wait * SECOND;
      if (v.outcome === 'answered' || v.outcome === 'talking') {
        events.push(ev.answered(callId, end, agent, v.wait, queue));
        if (v.outcome === 'answered') {
          const hangUp = end + v.talk * SECOND;
          events.push(ev.ended(callId, hangUp, agent, v.talk, 'transfer', queue));
          if (v.rating !== null) {
            events.push(
              ev.rated(name(`r${c}v${i}`), hangUp + 5 * SECOND, v.rating, { queue, agent, callId }),
            );
          }
        }
      } else if (v.outcome === 'abandoned') events.push(ev.abandoned(callId, end, v.wait, queue));
      else if (v.outcome === 'exited')
        events.push(ev.exited(callId, end, v.wait, 'timeout', queue));
      at = end + (v.outcome === 'answered' ? v.talk * SECOND : 0);
    });
  });
  return events.sort((a, b) => a.at - b.at);
}
