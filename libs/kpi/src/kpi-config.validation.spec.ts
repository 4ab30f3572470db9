import { KpiConfigError } from './kpi-config-error';
import { DEFAULT_KPI_CONFIG } from './kpi-config';
import { KpiEngine } from './kpi-engine';

function errorOf(make: () => unknown): KpiConfigError | undefined {
  try {
    make();
  } catch (e) {
    if (e instanceof KpiConfigError) return e;
    throw e;
  }
  return undefined;
}

describe(KpiConfigError.name, () => {
  it('rejects an unknown time zone', () => {
    expect(errorOf(() => new KpiEngine({ timeZone: 'Mars/Olympus' }))).toMatchObject({
      code: 'KPI_ERR_UNKNOWN_TIME_ZONE',
      key: 'timeZone',
    });
  });

  it.each(['7:00', '24:00', '07:60', 'noon', ''])('rejects the shift time %p', (start) => {
    expect(
      errorOf(() => new KpiEngine({ shifts: [{ name: 'x', start, end: '08:00' }] })),
    ).toMatchObject({
      code: 'KPI_ERR_BAD_SHIFT',
      key: 'shifts[0].start',
    });
  });

  it('rejects duplicate shift names and negative thresholds and rates above 1', () => {
    const dup = [
      { name: 'a', start: '07:00', end: '08:00' },
      { name: 'a', start: '09:00', end: '10:00' },
    ];
    expect(errorOf(() => new KpiEngine({ shifts: dup }))?.code).toBe('KPI_ERR_BAD_SHIFT');
    expect(errorOf(() => new KpiEngine({ longTalkSeconds: -1 }))?.code).toBe(
      'KPI_ERR_BAD_THRESHOLD',
    );
    expect(
      errorOf(() => new KpiEngine({ targets: { ...DEFAULT_KPI_CONFIG.targets, answerRate: 95 } }))
        ?.code,
    ).toBe('KPI_ERR_BAD_TARGET');
  });

  it('rejects after-call work that is not whole seconds and a pause reason mapped to no activity', () => {
    expect(errorOf(() => new KpiEngine({ agents: { wrapUpSeconds: 1.5 } }))?.key).toBe(
      'agents.wrapUpSeconds',
    );
    expect(
      errorOf(() => new KpiEngine({ agents: { wrapUpSecondsByQueue: { q1: -1 } } }))?.key,
    ).toBe('agents.wrapUpSecondsByQueue.q1');
    const lunch = { 午饭: 'lunch' } as unknown as Record<string, 'break'>;
    expect(errorOf(() => new KpiEngine({ agents: { pauseReasons: lunch } }))).toMatchObject({
      code: 'KPI_ERR_BAD_PAUSE_REASON',
      key: 'agents.pauseReasons.午饭',
    });
  });

  it('accepts the defaults: the report’s rota in Asia/Shanghai', () => {
    const engine = new KpiEngine();
    expect(engine.config.timeZone).toBe('Asia/Shanghai');
    expect(engine.config.shifts.map((s) => `${s.start}–${s.end}`)).toEqual([
      '07:00–15:00',
      '14:00–20:30',
      '14:00–22:00',
      '21:45–07:10',
      '09:00–17:00',
    ]);
    expect(engine.config.contactRetentionMs).toBe(2 * 60 * 60 * 1000);
  });
});
