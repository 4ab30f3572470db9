import { rateStatus, severityScheme } from './severity-scheme';

describe(severityScheme.name, () => {
  const scheme = severityScheme(
    { answerRate: 0.95, answeredIn10sRate: 0.8, overFiveMinuteRate: 0.36, satisfactionRate: 0.95 },
    60,
  );

  it('grades a floor rate: ok above target + 2 points, near, warning below, critical 5 points below', () => {
    const band = scheme.rates.answerRate;
    expect([0.98, 0.96, 0.95, 0.94, 0.91, 0.89].map((v) => rateStatus(band, v))).toEqual([
      'ok',
      'near',
      'near',
      'warning',
      'warning',
      'critical',
    ]);
    expect(rateStatus(band, null)).toBe('none');
  });

  it('grades the over-5-minute rate as a ceiling: at the target is already past it', () => {
    const band = scheme.rates.overFiveMinuteRate;
    expect(band.bound).toBe('ceiling');
    expect([0.3, 0.35, 0.36, 0.4, 0.42].map((v) => rateStatus(band, v))).toEqual([
      'ok',
      'near',
      'warning',
      'warning',
      'critical',
    ]);
  });

  it('sets the wait bands from the alarm threshold: amber at half, critical at twice', () => {
    expect(scheme.wait).toEqual({ nearSeconds: 30, alarmSeconds: 60, criticalSeconds: 120 });
    expect(scheme.minSample).toBe(20);
  });
});
