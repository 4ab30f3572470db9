// The scripted source replaces the PBX adapter, so the AMI client is never needed here.
jest.mock('../../apps/monitor/src/pbx/call-source.factory', () => ({
  CallSourceFactory: class CallSourceFactory {},
}));

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema } from '../../apps/monitor/src/push/push-json-schemas';
import { call } from './call-events.builder';
import { validateJson } from './json-schema-validator';
import { startMonitor, TestClient, type RunningMonitor } from './monitor-harness';

jest.setTimeout(60_000);

const SCHEMA_DIR = join(__dirname, '../../docs/schemas');
const schemas = new Map<string, JsonSchema>(
  readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => [
      f.replace('.schema.json', ''),
      JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8')) as JsonSchema,
    ]),
);

describe('docs/schemas against real server messages', () => {
  let monitor: RunningMonitor;

  beforeAll(async () => {
    monitor = await startMonitor({
      push: { cadenceMs: 150, waitAlarmSeconds: 1, clientMessagesPerSecond: 1 },
      lines: { '12315': '消费者投诉' },
    });
    monitor.pbx.connect({
      agents: [
        { agent: 'PJSIP/8001', state: 'available', queues: ['q1'] },
        { agent: 'PJSIP/8002', state: 'paused', pauseReason: '培训', queues: ['q1'] },
      ],
    });
  });
  afterAll(() => monitor.close());

  it('every message type the server sent validates against its JSON Schema', async () => {
    const client = await TestClient.open(monitor.wsUrl);
    await client.next('hello');
    client.send({
      type: 'subscribe',
      v: 1,
      views: ['wallboard', 'agents', 'alarms'],
      period: 'shift',
    });
    // Every section is in it (staffing included), so the schema check below covers them all.
    const snapshot = await client.next('snapshot');
    expect(Object.keys(snapshot.data.sections ?? {})).toContain('staffing');
    const t = Date.now();
    monitor.pbx.emit(
      call.joined('s1', 'q1', t - 3_000, '12315'),
      call.joined('s2', 'q1', t - 20_000),
      call.answered('s2', 'q1', 'PJSIP/8001', 20, t - 1_000),
    );
    await client.next('alarm', (m) => m.data.state === 'raised');
    monitor.pbx.emit(call.abandoned('s1', 'q1', 4), call.ended('s2', 'q1', 'PJSIP/8001', 1));
    await client.next('alarm', (m) => m.data.state === 'cleared');
    monitor.pbx.drop();
    await client.next('link');
    monitor.pbx.connect();
    await new Promise((r) => setTimeout(r, 2_100)); // let the rate-limit bucket fill
    client.send('nonsense');
    await client.next('error');
    client.send({ type: 'ping', v: 1 });
    await client.next('pong');
    for (let i = 0; i < 30; i++) client.send({ type: 'ping', v: 1 });
    await client.waitClosed();

    const seen = new Set<string>();
    for (const raw of client.raw) {
      const message = JSON.parse(raw) as { type: string };
      const schema = schemas.get(`server.${message.type}`);
      expect(schema).toBeDefined();
      expect(validateJson(schema as JsonSchema, message)).toEqual([]);
      seen.add(message.type);
    }
    expect([...seen].sort()).toEqual([
      'alarm',
      'bye',
      'error',
      'hello',
      'link',
      'pong',
      'snapshot',
      'update',
    ]);
  });

  it('the validator rejects what the schemas forbid (so the check above can fail)', () => {
    const update = schemas.get('server.update') as JsonSchema;
    expect(
      validateJson(update, {
        type: 'update',
        v: 1,
        seq: 3,
        at: 1,
        data: { pbxAt: 1, sections: {} },
      }),
    ).toEqual([]);
    expect(
      validateJson(update, {
        type: 'update',
        v: 2,
        seq: 3,
        at: 1,
        data: { pbxAt: 1, sections: {} },
      }),
    ).not.toEqual([]);
    expect(
      validateJson(update, {
        type: 'update',
        v: 1,
        seq: 0,
        at: 1,
        data: { pbxAt: 1, sections: {} },
      }),
    ).not.toEqual([]);
    expect(
      validateJson(update, {
        type: 'update',
        v: 1,
        seq: 3,
        at: 1,
        data: { pbxAt: 1, sections: { x: 1 } },
      }),
    ).not.toEqual([]);
    const subscribe = schemas.get('client.subscribe') as JsonSchema;
    expect(validateJson(subscribe, { type: 'subscribe', v: 1, views: ['wallboard'] })).toEqual([]);
    expect(validateJson(subscribe, { type: 'subscribe', v: 1, views: [] })).not.toEqual([]);
  });
});
