import { DeliveredCallLedger, uniqueidOf } from './delivered-call-ledger';

const AT = 1_767_657_600_000;
const ID = '1767657613.1@12345';

describe(DeliveredCallLedger.name, () => {
  it('knows each part of a call by id and kind, whatever the time (queue_log has whole seconds)', () => {
    const ledger = new DeliveredCallLedger(60_000);
    ledger.note([
      { type: 'caller-joined-queue', at: AT + 593, callId: ID, contactId: 'c', queue: '12345' },
    ]);
    const joinedFromFile = {
      type: 'caller-joined-queue' as const,
      at: AT,
      callId: ID,
      contactId: 'c',
      queue: '12345',
    };
    const answered = {
      type: 'agent-answered' as const,
      at: AT + 2_000,
      callId: ID,
      queue: '12345',
      agent: 'agent103',
      waitSeconds: 2,
    };
    const ended = {
      type: 'call-ended' as const,
      at: AT + 386_000,
      callId: ID,
      queue: '12345',
      agent: 'agent103',
      talkSeconds: 384,
      reason: 'agent-hangup' as const,
    };
    expect([ledger.has(joinedFromFile), ledger.has(answered), ledger.has(ended)]).toEqual([
      true,
      false,
      false,
    ]);
    // Another visit of the same channel is another call.
    expect(ledger.has({ ...joinedFromFile, callId: `${ID}#2` })).toBe(false);
    ledger.note([ended]);
    // An end delivered means an answer is not wanted any more either.
    expect([ledger.has(answered), ledger.has(ended), ledger.finished(ID)]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('matches a ring-no-answer by call, agent and second', () => {
    const ledger = new DeliveredCallLedger(60_000);
    const ring = {
      type: 'agent-ring-no-answer' as const,
      at: AT + 15_700,
      callId: ID,
      queue: '12345',
      agent: 'agent101',
      ringSeconds: 15,
    };
    ledger.note([ring]);
    expect(ledger.has({ ...ring, at: AT + 15_000 })).toBe(true);
    expect(ledger.has({ ...ring, at: AT + 16_000 })).toBe(false);
    expect(ledger.has({ ...ring, agent: 'agent102', at: AT + 15_000 })).toBe(false);
  });

  it('forgets calls and contacts older than retainMs behind the newest event', () => {
    const ledger = new DeliveredCallLedger(60_000);
    ledger.note([
      {
        type: 'caller-refused',
        at: AT,
        callId: ID,
        contactId: 'L1',
        queue: '12345',
        reason: 'full',
      },
    ]);
    expect([ledger.finished(ID), ledger.contactOf(uniqueidOf(ID))]).toEqual([true, 'L1']);
    ledger.note([
      { type: 'agent-state-changed', at: AT + 60_001, agent: 'a', state: 'available', queues: [] },
    ]);
    expect([ledger.finished(ID), ledger.contactOf(uniqueidOf(ID)), ledger.newestAt]).toEqual([
      false,
      undefined,
      AT + 60_001,
    ]);
  });

  it('uniqueidOf: the caller channel of a call id', () => {
    expect([uniqueidOf(ID), uniqueidOf(`${ID}#2`), uniqueidOf('bare')]).toEqual([
      '1767657613.1',
      '1767657613.1',
      'bare',
    ]);
  });
});
