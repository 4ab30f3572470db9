import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEvent } from '@hotline/call-events';
import { FreeswitchCdrLedger } from '@hotline/freeswitch';
import { loadScenario } from '../model/load-scenario';
import { TrafficModel } from '../model/traffic-model';
import { TruthLedger } from '../truth/truth-ledger';
import { CdrCsvWriter, SIMULATED_CDR_CSV_TEMPLATE } from './cdr-csv-writer';
import { EslIdentities, eslQueueName } from './esl-identities';

/**
 * The simulator's CDR (mod_cdr_csv, no header, SIMULATED_CDR_CSV_TEMPLATE), read back by the
 * project's own CDR ledger, gives the truth of every queue call a CDR can hold — the last
 * visit of each caller — and none of the earlier visits of a caller moved to another queue.
 */
describe(`${CdrCsvWriter.name} read by FreeswitchCdrLedger`, () => {
  const startAt = Date.parse('2021-01-04T09:00:00+08:00');
  const scenario = { ...loadScenario('small-demo'), skills: { en: 0.5, full: 0.15 } };
  const seed = 9;
  const ids = new EslIdentities(seed);
  const dir = mkdtempSync(join(tmpdir(), 'sim-cdr-'));
  const path = join(dir, 'Master.csv');
  const truth = new TruthLedger();
  const writer = new CdrCsvWriter(path, ids);
  new TrafficModel(scenario, { seed, startAt, endAt: startAt + 2 * 3600_000 }, (e) => {
    truth.record(e);
    writer.record(e);
  }).runToEnd();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const readAll = async (): Promise<CallEvent[][]> => {
    const ledger = new FreeswitchCdrLedger({
      path,
      format: 'csv',
      csvTemplate: SIMULATED_CDR_CSV_TEMPLATE,
    });
    const visits: CallEvent[][] = [];
    for await (const visit of ledger.memberVisits(0)) visits.push([...visit.events]);
    return visits;
  };

  it('holds each caller’s last visit with the truth outcome, wait, talk, queue and line', async () => {
    const visits = await readAll();
    const admitted = truth.calls().filter((c) => c.outcome !== 'blocked');
    const lastVisits = new Map<string, (typeof admitted)[number]>();
    for (const call of admitted) {
      const seen = lastVisits.get(call.linkedid);
      if (!seen || seen.visit < call.visit) lastVisits.set(call.linkedid, call);
    }
    expect(lastVisits.size).toBeLessThan(admitted.length); // the scenario moves callers
    const got = visits
      .map((events) => {
        const [join, second, third] = events;
        const callId = join.type === 'caller-joined-queue' ? join.callId : '?';
        return {
          callId,
          queue: join.type === 'caller-joined-queue' ? join.queue : '?',
          line: join.type === 'caller-joined-queue' ? join.line : '?',
          outcome:
            second.type === 'agent-answered'
              ? 'answered'
              : second.type === 'caller-abandoned'
                ? 'abandoned'
                : 'exited',
          wait: 'waitSeconds' in second ? second.waitSeconds : undefined,
          talk: third?.type === 'call-ended' ? third.talkSeconds : undefined,
        };
      })
      .sort((a, b) => a.callId.localeCompare(b.callId));
    const want = [...lastVisits.values()]
      .map((c) => ({
        callId: ids.memberUuid(c.uniqueid, c.visit),
        queue: eslQueueName(c.queue),
        line: c.line,
        outcome: c.outcome,
        wait: c.waitSeconds,
        talk: c.outcome === 'answered' ? c.talkSeconds : undefined,
      }))
      .sort((a, b) => a.callId.localeCompare(b.callId));
    expect(got).toEqual(want);
  });
});
