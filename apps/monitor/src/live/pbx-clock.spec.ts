import { PbxClock } from './pbx-clock';

describe(PbxClock.name, () => {
  it('reads the wall clock until the PBX says otherwise', () => {
    let wall = 1_000;
    const clock = new PbxClock(() => wall);
    expect(clock.now()).toBe(1_000);
    wall = 1_500;
    expect(clock.now()).toBe(1_500);
  });

  it('follows the PBX clock and advances it by elapsed wall time', () => {
    let wall = 1_000;
    const clock = new PbxClock(() => wall);
    clock.observe(50_000);
    wall = 1_250;
    expect(clock.now()).toBe(50_250);
  });

  it('never runs backwards when an older event arrives late', () => {
    let wall = 0;
    const clock = new PbxClock(() => wall);
    clock.observe(10_000);
    wall = 100;
    clock.observe(9_000);
    expect(clock.now()).toBe(10_100);
  });
});
