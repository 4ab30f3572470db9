import type { PbxInFlightView, TalkingCaller } from '@hotline/call-events';
import { ev, MINUTE, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { QueueCallRecord } from './queue-call-record';

const ATTACH = T0 + 10 * MINUTE;

function view(over: Partial<PbxInFlightView> = {}): PbxInFlightView {
  return { at: ATTACH, waiting: [], talking: [], agents: [], ...over };
}

/** A caller talking for 4 min at attach, joined 20 s before its answer. */
function talker(over: Partial<TalkingCaller> = {}): TalkingCaller {
  return {
    callId: 'c1',
    contactId: 'k1',
    queue: 'q1',
    line: '12345',
    callerNumber: '13800000000',
    agent: 'a1',
    joinedAt: ATTACH - 260 * SECOND,
    answeredAt: ATTACH - 240 * SECOND,
    waitSeconds: 20,
    times: 'ledger',
    ...over,
  };
}

function attached(talking: TalkingCaller[]): { engine: KpiEngine; records: QueueCallRecord[] } {
  const engine = new KpiEngine();
  const records: QueueCallRecord[] = [];
  engine.onCallFinished((r) => records.push(r));
  engine.resync(view({ talking, agents: [{ agent: 'a1', state: 'on-call', queues: ['q1'] }] }));
  return { engine, records };
}

describe(KpiEngine.name, () => {
  describe('a caller talking when the monitor attaches', () => {
    it('is an answered queue call from the view on: live, the agent on it, its line and queue counted', () => {
      const { engine } = attached([talker()]);
      const s = engine.snapshot(ATTACH + SECOND);
      expect(s.live.talking).toEqual([
        expect.objectContaining({
          callId: 'c1',
          agent: 'a1',
          waitSeconds: 20,
          talkSeconds: 241,
          joinedBeforeMonitoring: true,
          estimated: false,
        }),
      ]);
      expect(s.agents).toEqual([
        expect.objectContaining({ agent: 'a1', state: 'on-call', callId: 'c1' }),
      ]);
      for (const figures of [
        s.periods.queues.q1?.today,
        s.periods.lines['12345']?.today,
        s.periods.centre.today,
      ])
        expect(figures).toMatchObject({ offered: 1, answered: 1, answeredWithin10s: 0 });
    });

    it('counts over 5 minutes live once its talk passes 300 s, and is stored when its end comes', () => {
      const { engine, records } = attached([talker()]);
      engine.tick(ATTACH + 60 * SECOND);
      expect(engine.snapshot(ATTACH + 60 * SECOND).periods.centre.today.overFiveMinutes).toBe(0);
      engine.tick(ATTACH + 61 * SECOND);
      const live = engine.snapshot(ATTACH + 61 * SECOND);
      expect(live.periods.centre.today.overFiveMinutes).toBe(1);
      expect(live.live.talkingOverFiveMinutes).toBe(1);

      expect(engine.apply(ev.ended('c1', ATTACH + 86 * SECOND, 'a1', 326))).toBe('applied');
      expect(records).toEqual([
        {
          callId: 'c1',
          contactId: 'k1',
          queue: 'q1',
          line: '12345',
          agent: 'a1',
          joinedAt: ATTACH - 260 * SECOND,
          answeredAt: ATTACH - 240 * SECOND,
          endedAt: ATTACH + 86 * SECOND,
          waitSeconds: 20,
          talkSeconds: 326,
          talkAtLeastSeconds: null,
          outcome: 'answered',
          reason: 'caller-hangup',
          estimated: false,
          joinedBeforeMonitoring: true,
          revision: 1,
        },
      ]);
      const done = engine.snapshot(ATTACH + 90 * SECOND);
      expect(done.periods.agents.a1?.today).toMatchObject({ answered: 1, overFiveMinutes: 1 });
      expect(done.agents[0]).toMatchObject({ agent: 'a1', state: 'available' });
      expect(engine.anomalies()).toEqual([]);
    });

    it('says when its times are only the PBX estimate, and takes the whole seconds between them as wait', () => {
      const { engine, records } = attached([
        talker({
          joinedAt: ATTACH - 250_400,
          answeredAt: ATTACH - 240_900,
          waitSeconds: undefined,
          times: 'estimate',
        }),
      ]);
      expect(engine.snapshot(ATTACH).live.talking[0]).toMatchObject({
        waitSeconds: 10,
        estimated: true,
      });
      engine.apply(ev.ended('c1', ATTACH + SECOND, 'a1', 241));
      expect(records[0]).toMatchObject({ waitSeconds: 10, estimated: true, talkSeconds: 241 });
      expect(engine.snapshot(ATTACH + SECOND).periods.centre.today.answeredWithin10s).toBe(1);
    });

    it('takes the wait the PBX reports with the end over the view’s estimate', () => {
      const { engine, records } = attached([
        talker({ answeredAt: ATTACH - 250_000, waitSeconds: undefined, times: 'estimate' }),
      ]);
      engine.apply({ ...ev.ended('c1', ATTACH + 10 * SECOND, 'a1', 251), waitSeconds: 19 });
      expect(records[0]).toMatchObject({
        waitSeconds: 19,
        talkSeconds: 251,
        answeredAt: ATTACH - 241_000,
        estimated: false,
      });
      expect(engine.snapshot(ATTACH + 11 * SECOND).periods.centre.today).toMatchObject({
        answered: 1,
        answeredWithin10s: 0,
      });
    });

    it('takes the PBX’s own answer over the view’s estimate when it follows the view', () => {
      const { engine, records } = attached([
        talker({ answeredAt: ATTACH - 250_000, waitSeconds: undefined, times: 'estimate' }),
      ]);
      expect(engine.snapshot(ATTACH).live.talking[0]).toMatchObject({ waitSeconds: 10 });
      expect(engine.apply(ev.answered('c1', ATTACH - 241_000, 'a1', 19))).toBe('applied');
      expect(engine.apply(ev.answered('c1', ATTACH - 241_000, 'a1', 19))).toBe('duplicate');
      expect(engine.snapshot(ATTACH).live.talking[0]).toMatchObject({
        waitSeconds: 19,
        estimated: false,
      });
      engine.apply(ev.ended('c1', ATTACH + 10 * SECOND, 'a1', 251));
      expect(records[0]).toMatchObject({ waitSeconds: 19, estimated: false, talkSeconds: 251 });
    });

    it('answers a call the engine saw only waiting (answered while the link was down)', () => {
      const engine = new KpiEngine();
      engine.apply(ev.joined('c1', ATTACH - 260 * SECOND, { contactId: 'k1' }));
      const report = engine.resync(view({ talking: [talker()] }));
      expect(report).toMatchObject({ talkingAdded: 1, closed: 0, added: 0 });
      const s = engine.snapshot(ATTACH);
      expect(s.live.talking[0]).toMatchObject({
        callId: 'c1',
        waitSeconds: 20,
        joinedBeforeMonitoring: false,
      });
      expect(s.periods.centre.today).toMatchObject({ offered: 1, answered: 1, inProgress: 0 });
    });

    it('is counted once: the same view again, or the join and answer read from the ledger after it, change nothing', () => {
      const { engine } = attached([talker()]);
      const first = engine.snapshot(ATTACH).periods;
      expect(engine.resync(view({ talking: [talker()] }))).toMatchObject({
        added: 0,
        talkingAdded: 0,
        closed: 0,
      });
      expect(
        engine.apply(ev.joined('c1', ATTACH - 260 * SECOND, { contactId: 'k1', line: '12345' })),
      ).toBe('duplicate');
      expect(engine.apply(ev.answered('c1', ATTACH - 240 * SECOND, 'a1', 20))).toBe('duplicate');
      expect(engine.snapshot(ATTACH).periods).toEqual(first);
    });

    it('takes a line the view lacked from a later join of the same call (FreeSWITCH waiting callers)', () => {
      const engine = new KpiEngine();
      engine.resync(
        view({
          waiting: [{ callId: 'w1', contactId: 'k2', queue: 'q1', joinedAt: ATTACH - 5 * SECOND }],
        }),
      );
      expect(engine.snapshot(ATTACH).periods.lines).toEqual({});
      expect(
        engine.apply(ev.joined('w1', ATTACH - 5 * SECOND, { contactId: 'k2', line: 'L9' })),
      ).toBe('applied');
      expect(
        engine.apply(ev.joined('w1', ATTACH - 5 * SECOND, { contactId: 'k2', line: 'L9' })),
      ).toBe('duplicate');
      engine.apply(ev.abandoned('w1', ATTACH + 5 * SECOND, 10));
      const s = engine.snapshot(ATTACH + 6 * SECOND);
      expect(s.periods.lines.L9?.today).toMatchObject({ offered: 1, abandoned: 1 });
      expect(s.periods.queues.q1?.today).toMatchObject({ offered: 1, abandoned: 1 });
    });
  });
});
