import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueLogReader } from './queue-log-reader';

const RUN2 = join(__dirname, '../../../../test/fixtures/asterisk/run2/run2.queue_log');

describe(QueueLogReader.name, () => {
  it('reads every call line of the run2 capture, lines from ENTERQUEUE and numbered revisits', () => {
    const reader = new QueueLogReader();
    const statuses = new Map<string, number>();
    const types = new Map<string, number>();
    const callIds = new Set<string>();
    for (const raw of readFileSync(RUN2, 'utf8').split('\n')) {
      const result = reader.readText(raw);
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      for (const event of result.events) {
        types.set(event.type, (types.get(event.type) ?? 0) + 1);
        if (event.type === 'caller-joined-queue') {
          expect(callIds.has(event.callId)).toBe(false);
          callIds.add(event.callId);
          expect(event.line).toMatch(/^123\d\d$/);
        }
      }
    }
    expect(statuses.get('unplaced') ?? 0).toBe(0);
    expect(statuses.get('unreadable') ?? 0).toBe(0);
    expect(Object.fromEntries(types)).toMatchObject({
      'caller-joined-queue': 157,
      'caller-refused': 6,
      'agent-answered': 122,
      'call-ended': 83 + 25 + 11 + 3,
      'caller-abandoned': 10,
      'caller-exited': 15 + 4 + 6,
    });
    expect(callIds.size).toBe(157);
  });

  it('closes the answered visit on a blind transfer back into the same queue', () => {
    const reader = new QueueLogReader({ contactIdOf: () => 'L1' });
    const lines = [
      '100|u1|q|NONE|ENTERQUEUE|12345|0139|1',
      '102|u1|q|agent1|CONNECT|2|a1|1',
      '150|u1|q|NONE|ENTERQUEUE||0139|1',
      '150|u1|q|agent1|BLINDTRANSFER|q|xfer|2|48|1',
      '160|u1|q|NONE|ABANDON|1|1|10',
    ];
    const events = lines.flatMap((line) => reader.readText(line).events);
    expect(events.map((e) => [e.type, 'callId' in e ? e.callId : ''])).toEqual([
      ['caller-joined-queue', 'u1@q'],
      ['agent-answered', 'u1@q'],
      ['caller-joined-queue', 'u1@q#2'],
      ['call-ended', 'u1@q'],
      ['caller-abandoned', 'u1@q#2'],
    ]);
    expect(events[0]).toMatchObject({ contactId: 'L1', line: '12345', at: 100_000 });
    expect(events[3]).toMatchObject({ talkSeconds: 48, reason: 'transfer', agent: 'agent1' });
  });
});
