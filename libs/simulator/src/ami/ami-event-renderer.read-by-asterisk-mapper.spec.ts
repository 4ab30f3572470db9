import type { CallEvent } from '@hotline/call-events';
import { AmiEventMapper } from '@hotline/asterisk/mapping';
import { AmiMessage } from '@hotline/asterisk/protocol/ami-message';
import { loadScenario } from '../model/load-scenario';
import { TrafficModel } from '../model/traffic-model';
import { TruthLedger } from '../truth/truth-ledger';
import { AmiEventRenderer } from './ami-event-renderer';

/**
 * The simulator's AMI read by the project's own AMI → call-event mapper must give back the
 * simulator's truth, call for call (the quirks are only useful if they stay decodable).
 */
describe(`${AmiEventRenderer.name} read by AmiEventMapper`, () => {
  const startAt = Date.parse('2021-01-04T22:30:00+08:00');
  const scenario = { ...loadScenario('small-demo'), skills: { en: 0.5, full: 0.15 } };
  const ledger = new TruthLedger();
  const renderer = new AmiEventRenderer();
  const mapper = new AmiEventMapper();
  const events: CallEvent[] = [];
  const model = new TrafficModel(
    scenario,
    { seed: 8, startAt, endAt: startAt + 3 * 3600_000 },
    (e) => {
      ledger.record(e);
      for (const frame of renderer.render(e)) {
        events.push(...mapper.map(new AmiMessage(frame.headers), frame.at));
      }
    },
  );
  model.runToEnd();
  const calls = ledger.calls();
  const key = (uniqueid: string, queue: string): string => `${uniqueid}@${queue}`;
  const truthById = new Map<string, (typeof calls)[number][]>();
  for (const c of calls)
    truthById.set(key(c.uniqueid, c.queue), [
      ...(truthById.get(key(c.uniqueid, c.queue)) ?? []),
      c,
    ]);
  const baseId = (callId: string): string => callId.replace(/#\d+$/, '');
  /** The truth has an answered visit of the call that is alike in the figure compared. */
  const answeredInTruth = (callId: string, alike: (call: (typeof calls)[number]) => boolean) =>
    truthById.get(baseId(callId))?.some((c) => c.outcome === 'answered' && alike(c)) ?? false;

  it('maps every answered call with the truth wait and talk', () => {
    const answered = events.filter((e) => e.type === 'agent-answered');
    const ended = events.filter((e) => e.type === 'call-ended');
    expect(answered).toHaveLength(calls.filter((c) => c.outcome === 'answered').length);
    expect(ended).toHaveLength(answered.length);
    for (const e of answered)
      expect(answeredInTruth(e.callId, (c) => c.waitSeconds === e.waitSeconds)).toBe(true);
    for (const e of ended)
      expect(answeredInTruth(e.callId, (c) => c.talkSeconds === e.talkSeconds)).toBe(true);
  });

  it('tells abandons from timeouts, leave-empty and key exits as the truth does', () => {
    const count = (reason: string): number => calls.filter((c) => c.reason === reason).length;
    expect(events.filter((e) => e.type === 'caller-abandoned')).toHaveLength(count('ABANDON'));
    const exits = events.filter((e) => e.type === 'caller-exited');
    expect(exits.filter((e) => e.reason === 'timeout')).toHaveLength(count('TIMEOUT'));
    expect(exits.filter((e) => e.reason === 'leave-empty')).toHaveLength(count('LEAVEEMPTY'));
    expect(exits.filter((e) => e.reason === 'exit-key')).toHaveLength(count('KEY'));
    expect(count('ABANDON') + count('TIMEOUT') + count('KEY')).toBeGreaterThan(0);
  });

  it('sees every refusal', () => {
    const refusals = events.filter((e) => e.type === 'caller-refused');
    expect(refusals).toHaveLength(calls.filter((c) => c.outcome === 'blocked').length);
    expect(refusals.length).toBeGreaterThan(0);
  });
});

describe(`${AmiEventRenderer.name} without noise`, () => {
  it('still shows abandons, refusals and timeouts to the mapper (Hangup, Newexten Queue and QUEUESTATUS kept)', () => {
    const startAt = Date.parse('2021-01-04T22:30:00+08:00');
    const scenario = { ...loadScenario('small-demo'), skills: { en: 0.5, full: 0.15 } };
    const ledger = new TruthLedger();
    const renderer = new AmiEventRenderer({ noise: false });
    const mapper = new AmiEventMapper();
    const events: CallEvent[] = [];
    let frames = 0;
    new TrafficModel(scenario, { seed: 8, startAt, endAt: startAt + 3600_000 }, (e) => {
      ledger.record(e);
      for (const frame of renderer.render(e)) {
        frames++;
        events.push(...mapper.map(new AmiMessage(frame.headers), frame.at));
      }
    }).runToEnd();
    const calls = ledger.calls();
    const refusals = events.filter((e) => e.type === 'caller-refused');
    expect(refusals).toHaveLength(calls.filter((c) => c.outcome === 'blocked').length);
    expect(refusals.every((e) => e.queue !== 'unknown')).toBe(true);
    expect(events.filter((e) => e.type === 'caller-exited')).toHaveLength(
      calls.filter((c) => c.outcome === 'exited').length,
    );
    expect(events.filter((e) => e.type === 'caller-abandoned')).toHaveLength(
      calls.filter((c) => c.outcome === 'abandoned').length,
    );
    expect(frames / calls.length).toBeLessThan(40);
  });
});
