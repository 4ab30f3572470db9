import { waitFor } from '../support/monitor-harness';
import { type RunningMonitor, startMonitor, TestClient } from '../wallboard/monitor-harness';
import { ALARM_TEST_AGENT, finishedCalls } from './alarm-events';

const LEADER_TOKEN = 'leader-token-for-the-ack-test';
const WALLBOARD_TOKEN = 'wallboard-token-for-the-ack-test';

interface AlarmMessage {
  state: string;
  alarm: { id: string; subject: string; acknowledged: { by: string; at: number } | null };
}

/** The `ack` client message: the leader's act, named, broadcast to every alarms subscriber. */
describe('alarm acknowledgement over the WebSocket', () => {
  let monitor: RunningMonitor;
  const clients: TestClient[] = [];

  const open = async (token: string, views: string[]) => {
    const client = await TestClient.open(`${monitor.wsUrl}?token=${token}`);
    clients.push(client);
    await client.next('hello');
    client.subscribe({ views });
    await client.next('snapshot');
    return client;
  };

  beforeAll(async () => {
    monitor = await startMonitor({
      kpi: { tickMs: 100 },
      alarms: { hysteresis: 0.01, holdSeconds: 60 },
      auth: { tokens: { leader: LEADER_TOKEN, wallboard: WALLBOARD_TOKEN } },
    });
    monitor.pbx.connect({
      at: Date.now(),
      agents: [{ agent: ALARM_TEST_AGENT, state: 'available', queues: ['12345'] }],
    });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await monitor.close();
  });

  it('refuses a wallboard token, names an unknown alarm, and broadcasts a leader acknowledgement', async () => {
    const first = await open(LEADER_TOKEN, ['alarms']);
    const second = await open(LEADER_TOKEN, ['alarms']);
    const wallboard = await open(WALLBOARD_TOKEN, ['wallboard']);
    monitor.pbx.emit(...finishedCalls(18, 2));
    const raised = await first.next(
      'alarm',
      (m) => (m.data as unknown as AlarmMessage).alarm.subject === 'answerRate',
    );
    const { alarm } = raised.data as unknown as AlarmMessage;
    expect(alarm.acknowledged).toBeNull();

    wallboard.send({ type: 'ack', v: 1, alarmId: alarm.id });
    expect((await wallboard.next('error')).data).toMatchObject({ code: 'UNAUTHORIZED' });

    first.send({ type: 'ack', v: 1, alarmId: 'kpi-target:answerRate@1' });
    expect((await first.next('error')).data).toMatchObject({ code: 'UNKNOWN_ALARM' });

    const before = Date.now();
    // No name given: the acknowledgement names the token's role.
    first.send({ type: 'ack', v: 1, alarmId: alarm.id });
    const seen = await second.next(
      'alarm',
      (m) => (m.data as unknown as AlarmMessage).state === 'acknowledged',
    );
    const acknowledged = (seen.data as unknown as AlarmMessage).alarm;
    expect(acknowledged.id).toBe(alarm.id);
    expect(acknowledged.acknowledged?.by).toBe('leader');
    expect(acknowledged.acknowledged?.at).toBeGreaterThanOrEqual(before);
    // The alarms section carries it too (a leader screen opened later sees it).
    await waitFor('the acknowledged alarm in the alarms section', () => {
      const update = second.messages
        .filter((m) => m.type === 'update' && m.data.sections?.alarms)
        .pop();
      const active = (update?.data.sections?.alarms as { active: AlarmMessage['alarm'][] })?.active;
      return active?.some((a) => a.id === alarm.id && a.acknowledged?.by === 'leader') ?? false;
    });

    // A second acknowledgement does not overwrite the first.
    second.send({ type: 'ack', v: 1, alarmId: alarm.id, by: '李班长' });
    expect((await second.nextNew('error')).data).toMatchObject({ code: 'UNKNOWN_ALARM' });

    // The alarm history in storage, for the leader only.
    const history = async (token: string) =>
      fetch(`${monitor.baseUrl}/api/v1/alarms/history`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    expect((await history(WALLBOARD_TOKEN)).status).toBe(403);
    let body: { truncated: boolean; events: Record<string, unknown>[] } = {
      truncated: true,
      events: [],
    };
    await waitFor('the acknowledgement in the stored alarm history', async () => {
      const response = await history(LEADER_TOKEN);
      body = (await response.json()) as typeof body;
      return body.events.some((e) => e.event === 'acknowledged');
    });
    expect(body.truncated).toBe(false);
    const mine = body.events.filter((e) => e.alarmId === alarm.id);
    expect(mine.map((e) => [e.event, e.acknowledgedBy])).toEqual([
      ['acknowledged', 'leader'],
      ['raised', null],
    ]);
    expect(mine[0].at).toBe(acknowledged.acknowledged?.at);
    const bad = await fetch(`${monitor.baseUrl}/api/v1/alarms/history?from=2026-02-30`, {
      headers: { Authorization: `Bearer ${LEADER_TOKEN}` },
    });
    expect(bad.status).toBe(400);
  });
});
