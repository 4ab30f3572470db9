import type Redis from 'ioredis';
import { leaseEpochKey, leaseKey } from './cluster-keys';
import { RELEASE_SCRIPT, RENEW_SCRIPT } from './append-script';

export interface LeaseOptions {
  /** How long the lease lasts without a renewal. */
  readonly ttlMs: number;
  /** How often the holder renews it (well under ttlMs). */
  readonly renewMs: number;
  /** How often a standby tries to take it. */
  readonly pollMs: number;
}

export type LeaseState = 'standby' | 'active' | 'lost' | 'released';

/**
 * One site's ingest lease in Redis: `SET lease <token> NX PX ttl`, renewed while held. The
 * token is drawn from a counter (INCR) before each attempt, so every holder's token is higher
 * than every earlier holder's: the fencing token written with each append, and checked by the
 * append script against the lease's current value.
 */
export class RedisLease {
  private state: LeaseState = 'standby';
  private heldToken: number | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastRenewedAt = 0;
  private onLost: ((why: string) => void) | undefined;

  constructor(
    private readonly redis: Redis,
    readonly site: string,
    private readonly options: LeaseOptions,
  ) {}

  get status(): { state: LeaseState; token?: number; lastRenewedAt?: number } {
    return {
      state: this.state,
      ...(this.heldToken !== undefined ? { token: this.heldToken } : {}),
      ...(this.lastRenewedAt ? { lastRenewedAt: this.lastRenewedAt } : {}),
    };
  }

  get token(): number | undefined {
    return this.state === 'active' ? this.heldToken : undefined;
  }

  /** One attempt: true when this instance now holds the lease. */
  async tryAcquire(): Promise<boolean> {
    const token = await this.redis.incr(leaseEpochKey(this.site));
    const set = await this.redis.set(
      leaseKey(this.site),
      String(token),
      'PX',
      this.options.ttlMs,
      'NX',
    );
    if (set !== 'OK') return false;
    this.heldToken = token;
    this.state = 'active';
    this.lastRenewedAt = Date.now();
    return true;
  }

  /**
   * Resolves once this instance holds the lease (polling every pollMs; Redis errors are
   * retried and reported through `onError`), then keeps renewing it; `onLost` is called once
   * if a renewal finds it gone or someone else's. Resolves false when stopped first.
   */
  async acquire(
    onLost: (why: string) => void,
    onError: (error: unknown) => void = () => undefined,
  ): Promise<boolean> {
    this.onLost = onLost;
    while (!this.stopped) {
      try {
        if (await this.tryAcquire()) {
          this.scheduleRenewal();
          return true;
        }
      } catch (error) {
        onError(error);
      }
      await sleep(this.options.pollMs);
    }
    return false;
  }

  async release(): Promise<void> {
    this.stopped = true;
    if (this.renewTimer) clearTimeout(this.renewTimer);
    const token = this.heldToken;
    if (this.state !== 'active' || token === undefined) return;
    this.state = 'released';
    await this.redis
      .eval(RELEASE_SCRIPT, 1, leaseKey(this.site), String(token))
      .catch(() => undefined);
  }

  private scheduleRenewal(): void {
    if (this.stopped) return;
    this.renewTimer = setTimeout(() => void this.renew(), this.options.renewMs);
    this.renewTimer.unref();
  }

  private async renew(): Promise<void> {
    if (this.stopped || this.state !== 'active') return;
    try {
      const renewed = await this.redis.eval(
        RENEW_SCRIPT,
        1,
        leaseKey(this.site),
        String(this.heldToken),
        String(this.options.ttlMs),
      );
      if (renewed !== 1) {
        this.lose('the lease was found taken over or expired on renewal');
        return;
      }
      this.lastRenewedAt = Date.now();
    } catch {
      // Redis unreachable: nobody else can take the lease meanwhile; the next renewal that
      // reaches Redis tells whether it lapsed (the append script fences either way).
    }
    this.scheduleRenewal();
  }

  private lose(why: string): void {
    this.state = 'lost';
    this.onLost?.(why);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
