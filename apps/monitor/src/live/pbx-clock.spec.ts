import { PbxClock } from './pbx-clock';

/** A PbxClock on a wall clock the test moves (`wall.ms`). */
function onWall(startMs: number): { wall: { ms: number }; clock: PbxClock } {
  const wall = { ms: startMs };
  return { wall, clock: new PbxClock(() => wall.ms) };
}

describe(PbxClock.name, () => {
  it('reads the wall clock until the PBX says otherwise', () => {
    const { wall, clock } = onWall(1_000);
    expect(clock.now()).toBe(1_000);
    wall.ms = 1_500;
    expect(clock.now()).toBe(1_500);
  });

  it('follows the PBX clock and advances it by elapsed wall time', () => {
    const { wall, clock } = onWall(1_000);
    clock.observe(50_000);
    wall.ms = 1_250;
    expect(clock.now()).toBe(50_250);
  });

  it('never runs backwards when an older event arrives late', () => {
    const { wall, clock } = onWall(0);
    clock.observe(10_000);
    wall.ms = 100;
    clock.observe(9_000);
    expect(clock.now()).toBe(10_100);
  });
});
