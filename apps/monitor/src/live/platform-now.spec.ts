import { PbxClock } from './pbx-clock';
import { platformNow } from './platform-now';
import type { SiteLive } from './site-live';

const WALL = 1_800_000_000_000;
const HOUR = 3_600_000;

/** A site whose PBX clock has seen `pbxAt` (or nothing). */
function site(pbxAt?: number): SiteLive {
  const clock = new PbxClock(() => WALL);
  if (pbxAt !== undefined) clock.observe(pbxAt);
  return { clock } as SiteLive;
}

describe(platformNow.name, () => {
  it('is the latest of the PBX clocks that have told their time', () => {
    expect(platformNow([site(WALL - 2 * HOUR), site(WALL - HOUR), site()])).toBe(WALL - HOUR);
  });

  it('is the wall clock while no PBX has told its time', () => {
    expect(platformNow([site(), site()])).toBe(WALL);
  });
});
