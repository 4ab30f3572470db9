import { runModel } from './run-model';

describe('runModel (seeded)', () => {
  const startAt = Date.parse('2021-01-04T08:00:00+08:00');
  const durationMs = 2 * 3600_000;

  it('gives identical truth for the same seed', () => {
    const a = runModel({ scenario: 'small-demo', seed: 5, startAt, durationMs });
    const b = runModel({ scenario: 'small-demo', seed: 5, startAt, durationMs });
    expect(a.calls.length).toBeGreaterThan(50);
    expect(b.calls).toEqual(a.calls);
    expect(b.summary).toEqual(a.summary);
  });

  it('gives different calls for another seed', () => {
    const a = runModel({ scenario: 'small-demo', seed: 5, startAt, durationMs });
    const c = runModel({ scenario: 'small-demo', seed: 6, startAt, durationMs });
    expect(c.calls).not.toEqual(a.calls);
  });
});
