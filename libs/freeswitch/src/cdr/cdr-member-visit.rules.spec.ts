import { cdrMemberVisit } from './cdr-member-visit';

const base: Record<string, string> = {
  uuid: 'caller-chan',
  cc_side: 'member',
  cc_queue: '12345@default',
  cc_member_uuid: 'member-1',
  cc_queue_joined_epoch: '1000',
  hotline: '12345',
  caller_id_number: '13800000000',
};
const visit = (vars: Record<string, string>) => cdrMemberVisit((name) => vars[name], 'hotline');

describe('cdrMemberVisit: a caller leg of the CDR as the live mapper’s events', () => {
  it('answered: wait to the bridge, talk to the queue end (else the leg end), agent', () => {
    const v = visit({
      ...base,
      cc_agent: '1001@default',
      cc_queue_answered_epoch: '1012',
      cc_queue_terminated_epoch: '1300',
      end_epoch: '1302',
      cc_cause: 'answered',
    });
    expect(v.events).toEqual([
      expect.objectContaining({
        type: 'caller-joined-queue',
        at: 1_000_000,
        callId: 'member-1',
        contactId: 'caller-chan',
        line: '12345',
      }),
      expect.objectContaining({
        type: 'agent-answered',
        at: 1_012_000,
        agent: '1001@default',
        waitSeconds: 12,
      }),
      expect.objectContaining({
        type: 'call-ended',
        at: 1_300_000,
        talkSeconds: 288,
        reason: 'other',
      }),
    ]);
    const noQueueEnd = visit({
      ...base,
      cc_agent: 'a',
      cc_queue_answered_epoch: '1012',
      end_epoch: '1302',
    });
    expect(noQueueEnd.events[2]).toMatchObject({ talkSeconds: 290 });
  });

  it('answered even when max-wait TIMEOUT was logged as the agent answered (fs-run1 0015, 0018)', () => {
    const v = visit({
      ...base,
      cc_agent: 'a',
      cc_queue_answered_epoch: '1060',
      cc_cause: 'cancel',
      cc_cancel_reason: 'TIMEOUT',
      cc_queue_canceled_epoch: '1060',
      end_epoch: '1100',
    });
    expect(v.events.map((e) => e.type)).toEqual([
      'caller-joined-queue',
      'agent-answered',
      'call-ended',
    ]);
  });

  it('abandoned on BREAK_OUT, exited with the reason otherwise, waiting to the cancel', () => {
    const cancel = { ...base, cc_cause: 'cancel', cc_queue_canceled_epoch: '1040' };
    expect(visit({ ...cancel, cc_cancel_reason: 'BREAK_OUT' }).events[1]).toEqual({
      type: 'caller-abandoned',
      at: 1_040_000,
      callId: 'member-1',
      queue: '12345@default',
      waitSeconds: 40,
    });
    expect(visit({ ...cancel, cc_cancel_reason: 'NO_AGENT_TIMEOUT' }).events[1]).toMatchObject({
      type: 'caller-exited',
      reason: 'leave-empty',
    });
  });

  it('leaves out agent legs and members mod_callcenter never finished', () => {
    expect(visit({ ...base, cc_side: 'agent' }).status).toBe('not-a-member');
    expect(visit(base)).toMatchObject({ status: 'no-outcome', events: [] });
  });
});
