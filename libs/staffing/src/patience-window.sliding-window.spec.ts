import { PatienceWindow } from './patience-window';

const MINUTE = 60_000;

describe(PatienceWindow.name, () => {
  it('estimates abandoned ÷ total wait of everyone who waited, over the window only', () => {
    const window = new PatienceWindow(60 * MINUTE, 2, 180);
    window.add({ endedAt: 0, waitSeconds: 1000, abandoned: true }); // expires below
    window.add({ endedAt: 30 * MINUTE, waitSeconds: 40, abandoned: true });
    window.add({ endedAt: 31 * MINUTE, waitSeconds: 60, abandoned: false });
    window.add({ endedAt: 32 * MINUTE, waitSeconds: 20, abandoned: true });
    window.add({ endedAt: 33 * MINUTE, waitSeconds: 0, abandoned: false }); // never waited

    const estimate = window.estimate(65 * MINUTE);

    expect(estimate).toEqual({
      meanPatienceSeconds: 120 / 2,
      source: 'estimated',
      abandoned: 2,
      totalWaitSeconds: 120,
      waited: 3,
    });
  });

  it('falls back to the default patience below the minimum abandons', () => {
    const window = new PatienceWindow(60 * MINUTE, 5, 210);
    window.add({ endedAt: 0, waitSeconds: 30, abandoned: true });

    expect(window.estimate(MINUTE)).toMatchObject({ meanPatienceSeconds: 210, source: 'default' });
  });
});
