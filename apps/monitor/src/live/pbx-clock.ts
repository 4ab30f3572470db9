/**
 * The PBX's clock as seen from here. KPI periods follow the time the PBX stamps on its
 * events (that is what its queue_log records); between events we advance it by wall time.
 * With the simulator running faster than real time the PBX clock runs ahead of the wall
 * clock, and this follows it because every event moves it forward.
 */
export class PbxClock {
  private lastPbxAt: number | undefined;
  private lastWallAt = 0;

  constructor(private readonly wallNow: () => number = Date.now) {}

  observe(pbxAt: number): void {
    if (this.lastPbxAt === undefined || pbxAt >= this.now()) {
      this.lastPbxAt = pbxAt;
      this.lastWallAt = this.wallNow();
    }
  }

  /** True once a PBX time has been seen; until then the engine has nothing to advance. */
  get synced(): boolean {
    return this.lastPbxAt !== undefined;
  }

  now(): number {
    const wall = this.wallNow();
    if (this.lastPbxAt === undefined) return wall;
    return this.lastPbxAt + (wall - this.lastWallAt);
  }
}
