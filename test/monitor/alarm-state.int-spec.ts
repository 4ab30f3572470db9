import { waitFor } from '../support/monitor-harness';
import { type RunningMonitor, startMonitor } from '../wallboard/monitor-harness';

/**
 * The monitor's own alarms are evaluated once, by AlarmService, and their state is visible
 * without a WebSocket: per rule in /health/ready (`alarms`) and in /metrics
 * (`hotline_alarm_active{site,rule}`: the own site's, `default` here), raised and cleared as
 * the calls and the link change.
 */
interface RuleSummary {
  active: number;
  severity: 'warning' | 'critical' | null;
  since: number | null;
}

describe('alarm state in /health/ready and /metrics', () => {
  let monitor: RunningMonitor;

  beforeAll(async () => {
    monitor = await startMonitor({ push: { waitAlarmSeconds: 2 }, kpi: { tickMs: 100 } });
  });

  afterAll(() => monitor.close());

  const health = async (): Promise<Record<string, RuleSummary>> => {
    const body = (await (await fetch(`${monitor.baseUrl}/health/ready`)).json()) as {
      alarms: Record<string, RuleSummary>;
    };
    return body.alarms;
  };
  const gauge = async (rule: string): Promise<number | undefined> => {
    const text = await (await fetch(`${monitor.baseUrl}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`hotline_alarm_active{site="default",rule="${rule}"} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };

  it('shows every rule quiet while all is well', async () => {
    const now = Date.now();
    monitor.pbx.connect({
      at: now,
      agents: [{ agent: 'PJSIP/8001', state: 'available', queues: ['12345'] }],
    });
    expect(await health()).toEqual({
      'long-wait': { active: 0, severity: null, since: null },
      'kpi-target': { active: 0, severity: null, since: null },
      'pbx-link': { active: 0, severity: null, since: null },
    });
    expect(await gauge('long-wait')).toBe(0);
    expect(await gauge('pbx-link')).toBe(0);
  });

  it('raises a long wait once the caller has waited past push.waitAlarmSeconds, and clears it', async () => {
    const joinedAt = Date.now();
    monitor.pbx.emit({
      type: 'caller-joined-queue',
      at: joinedAt,
      callId: 'c1',
      contactId: 'c1',
      queue: '12345',
    });
    await waitFor('the long-wait alarm', async () => (await health())['long-wait'].active === 1);
    const raised = (await health())['long-wait'];
    // Raised at the moment the threshold was crossed (PBX clock, whole PBX seconds as the wait
    // is counted), not when it was noticed.
    const waiting = monitor.live.snapshot().live.waiting[0];
    expect(raised).toEqual({
      active: 1,
      severity: 'warning',
      since: (Math.floor(waiting.joinedAt / 1000) + 2) * 1000,
    });
    expect(await gauge('long-wait')).toBe(1);
    monitor.pbx.emit({
      type: 'agent-answered',
      at: Date.now(),
      callId: 'c1',
      queue: '12345',
      agent: 'PJSIP/8001',
      waitSeconds: Math.round((Date.now() - joinedAt) / 1000),
    });
    await waitFor('the long wait cleared', async () => (await health())['long-wait'].active === 0);
    expect(await gauge('long-wait')).toBe(0);
  });

  it('raises pbx-link when the link drops, critical, and clears it when it is back', async () => {
    monitor.pbx.drop('connection reset');
    await waitFor('the pbx-link alarm', async () => (await health())['pbx-link'].active === 1);
    expect((await health())['pbx-link'].severity).toBe('critical');
    expect(await gauge('pbx-link')).toBe(1);
    monitor.pbx.connect({ at: Date.now() });
    await waitFor('the pbx-link alarm cleared', async () => (await gauge('pbx-link')) === 0);
    expect((await health())['pbx-link'].active).toBe(0);
  });
});
