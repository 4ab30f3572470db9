import { AmiEventRenderer } from '../ami/ami-event-renderer';
import { loadScenario } from '../model/load-scenario';
import { TrafficModel } from '../model/traffic-model';
import { QueueLogWriter } from './queue-log-writer';
import { TruthLedger } from './truth-ledger';

describe(QueueLogWriter.name, () => {
  const startAt = Date.parse('2021-01-04T09:00:00+08:00');
  const ledger = new TruthLedger();
  const writer = new QueueLogWriter();
  const renderer = new AmiEventRenderer();
  const amiHold = new Map<string, string[]>();
  writer.start(startAt);
  const model = new TrafficModel(
    loadScenario('small-demo'),
    { seed: 21, startAt, endAt: startAt + 2 * 3600_000 },
    (e) => {
      ledger.record(e);
      writer.record(e);
      for (const f of renderer.render(e)) {
        if (f.headers[0][1] !== 'AgentConnect') continue;
        const uid = f.headers.find(([k]) => k === 'Uniqueid')![1];
        const queue = f.headers.find(([k]) => k === 'Queue')![1];
        const key = `${uid}|${queue}`;
        amiHold.set(key, [
          ...(amiHold.get(key) ?? []),
          f.headers.find(([k]) => k === 'HoldTime')![1],
        ]);
      }
    },
  );
  model.runToEnd();
  const lines = writer
    .text()
    .trim()
    .split('\n')
    .map((l) => l.split('|'));
  const calls = ledger.calls();

  it('writes one ENTERQUEUE per joined queue call, with the HOTLINE as data1', () => {
    const enters = lines.filter((l) => l[4] === 'ENTERQUEUE');
    expect(enters).toHaveLength(calls.filter((c) => c.outcome !== 'blocked').length);
    const first = calls.find((c) => c.outcome !== 'blocked')!;
    expect(enters.some((l) => l[1] === first.uniqueid && l[5] === first.line)).toBe(true);
  });

  it('logs the same whole-second wait and talk as the truth and as AMI HoldTime', () => {
    for (const call of calls.filter((c) => c.outcome === 'answered')) {
      const connect = lines.find(
        (l) => l[4] === 'CONNECT' && l[1] === call.uniqueid && l[2] === call.queue,
      )!;
      expect(Number(connect[5])).toBe(call.waitSeconds);
      expect(amiHold.get(`${call.uniqueid}|${call.queue}`)).toContain(String(call.waitSeconds));
      const end = lines.find(
        (l) =>
          ['COMPLETEAGENT', 'COMPLETECALLER', 'BLINDTRANSFER'].includes(l[4]) &&
          l[1] === call.uniqueid &&
          l[2] === call.queue,
      )!;
      const talk = end[4] === 'BLINDTRANSFER' ? end[8] : end[6];
      expect(Number(talk)).toBe(call.talkSeconds);
    }
  });

  it('writes ABANDON only for caller hang-ups and EXITWITH*/EXITEMPTY for the other exits', () => {
    const count = (verb: string): number => lines.filter((l) => l[4] === verb).length;
    expect(count('ABANDON')).toBe(calls.filter((c) => c.outcome === 'abandoned').length);
    const exits = count('EXITWITHTIMEOUT') + count('EXITWITHKEY') + count('EXITEMPTY');
    expect(exits).toBe(calls.filter((c) => c.outcome === 'exited').length);
    expect(count('ADDMEMBER')).toBeGreaterThan(0);
    expect(count('PAUSE')).toBeGreaterThan(0);
  });
});
