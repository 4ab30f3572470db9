import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import Redis from 'ioredis';
import type { CallEvent } from '@hotline/call-events';
import {
  readStreamEvents,
  RedisLease,
  StreamAppender,
  StreamCallSource,
  type AppenderStatus,
  type StreamRecord,
  type StreamSourceStatus,
} from '@hotline/cluster';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';

type ClusterConfig = NonNullable<MonitorConfig['cluster']>;

const HOUR = 3_600_000;
const APPEND_BATCH = 500;
const REDIS_RETRY_MS = 500;
const READ_BLOCK_MS = 1_000;
const READ_COUNT = 1_000;
/** How long the first lease attempt waits for the connection (then it polls, saying why). */
const FIRST_CONNECT_MS = 2_000;
/** How long a graceful stop waits for the held records to reach the stream. */
const FLUSH_ON_STOP_MS = 3_000;

export interface ClusterStatus {
  readonly mode: 'cluster';
  readonly role: 'ingest' | 'serve';
  readonly site: string;
  readonly lease?: RedisLease['status'];
  readonly append?: AppenderStatus;
  readonly stream?: StreamSourceStatus;
  /** A serve: every other site it reads, its stream's status. */
  readonly sites?: Readonly<Record<string, StreamSourceStatus>>;
}

/**
 * This instance's part in a cluster (docs/cluster.md), wiring libs/cluster: an ingest takes
 * its site's lease before it may own the PBX link and appends what the link produces; a serve
 * reads the site's stream as its call source. In embedded mode it does nothing.
 */
@Injectable()
export class ClusterRole implements OnApplicationShutdown {
  private readonly cluster: ClusterConfig | undefined;
  private readonly connections: Redis[] = [];
  private redis: Redis | undefined;
  private lease: RedisLease | undefined;
  private appender: StreamAppender | undefined;
  private source: StreamCallSource | undefined;
  private readonly otherSources = new Map<string, StreamCallSource>();

  constructor(
    @Inject(MONITOR_CONFIG) config: MonitorConfig,
    @InjectPinoLogger('Cluster') private readonly logger: PinoLogger,
  ) {
    this.cluster = config.mode === 'cluster' ? config.cluster : undefined;
  }

  get isIngest(): boolean {
    return this.cluster?.role === 'ingest';
  }

  get isServe(): boolean {
    return this.cluster?.role === 'serve';
  }

  status(): ClusterStatus | undefined {
    if (!this.cluster) return undefined;
    return {
      mode: 'cluster',
      role: this.cluster.role,
      site: this.cluster.site,
      ...(this.lease ? { lease: this.lease.status } : {}),
      ...(this.appender ? { append: this.appender.status() } : {}),
      ...(this.source ? { stream: this.source.status() } : {}),
      ...(this.otherSources.size > 0
        ? {
            sites: Object.fromEntries(
              [...this.otherSources].map(([site, source]) => [site, source.status()]),
            ),
          }
        : {}),
    };
  }

  /**
   * Resolves true once this instance may own the PBX link: at once unless it is a cluster
   * ingest, else once it holds its site's lease (a standby waits here); false when stopped
   * first.
   */
  async becomeActive(): Promise<boolean> {
    const cluster = this.cluster;
    if (cluster?.role !== 'ingest') return true;
    const redis = this.connect(cluster);
    this.redis = redis;
    const lease = new RedisLease(redis, cluster.site, cluster.lease);
    this.lease = lease;
    await connected(redis, FIRST_CONNECT_MS);
    const waitingSince = Date.now();
    this.logger.info({ site: cluster.site }, 'ingest standby: waiting for the site lease');
    let redisErrorLogged = false;
    const acquired = await lease.acquire(
      (why) => this.leaseLost(why),
      (error) => {
        if (redisErrorLogged) return;
        redisErrorLogged = true;
        this.logger.warn({ err: error, site: cluster.site }, 'ingest standby: Redis unreachable');
      },
    );
    if (!acquired) return false;
    const token = lease.token as number;
    this.appender = new StreamAppender(
      redis,
      cluster.site,
      token,
      {
        bufferCapacity: cluster.bufferCapacity,
        retentionMs: cluster.stream.retentionHours * HOUR,
        maxLength: cluster.stream.maxLength,
        batchSize: APPEND_BATCH,
        retryDelayMs: REDIS_RETRY_MS,
      },
      {
        onRedis: (up, error) =>
          up
            ? this.logger.info({ site: cluster.site }, 'Redis back: draining the held records')
            : this.logger.warn(
                { site: cluster.site, err: error },
                'Redis unreachable: holding records in memory (bounded, /health/ready cluster.append)',
              ),
        onRefused: (buffered) =>
          this.logger.error(
            { site: cluster.site, buffered },
            'append buffer full: newer records are refused until Redis is back',
          ),
        onFenced: () => this.leaseLost('an append found the lease held by another ingest'),
      },
    );
    this.logger.info(
      { site: cluster.site, token, waitedMs: Date.now() - waitingSince },
      'ingest lease taken: this instance is the active ingest',
    );
    return true;
  }

  /**
   * The call events on the site's stream (a cluster ingest that just took the lease: what its
   * predecessors appended, for its backfill to leave out); none otherwise.
   */
  async deliveredEvents(): Promise<CallEvent[]> {
    const cluster = this.cluster;
    if (cluster?.role !== 'ingest' || !this.redis) return [];
    const events = await readStreamEvents(this.redis, cluster.site);
    this.logger.info(
      { site: cluster.site, events: events.length },
      'read the events already on the stream (the backfill leaves them out)',
    );
    return events;
  }

  /** What the active ingest's PBX link produced, for the stream. */
  append(records: readonly StreamRecord[]): void {
    this.appender?.append(records);
  }

  /** A serve's call source: a site's stream (its own site's, unless named). */
  streamSource(site?: string): StreamCallSource {
    const cluster = this.cluster;
    if (cluster?.role !== 'serve') throw new Error('only a cluster serve reads the stream');
    const name = site ?? cluster.site;
    const source = new StreamCallSource(
      this.connect(cluster),
      name,
      { blockMs: READ_BLOCK_MS, count: READ_COUNT, retryDelayMs: REDIS_RETRY_MS },
      this.logger,
    );
    if (name === cluster.site) this.source = source;
    else this.otherSources.set(name, source);
    return source;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.appender)
      await Promise.race([
        this.appender.flushed(),
        new Promise((resolve) => setTimeout(resolve, FLUSH_ON_STOP_MS)),
      ]);
    await this.lease?.release();
    for (const redis of this.connections) redis.disconnect();
  }

  private connect(cluster: ClusterConfig): Redis {
    // Commands fail at once while Redis is unreachable (no offline queue): the appender holds
    // records itself, in order and bounded, and retries them.
    const redis = new Redis(cluster.redis.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
      lazyConnect: false,
    });
    redis.on('error', () => undefined); // reported by the appender, the lease and the source
    this.connections.push(redis);
    return redis;
  }

  /**
   * Another ingest holds the site now: this one must stop appending and give the PBX link up.
   * It stops the process (a graceful SIGTERM); its supervisor starts it again as a standby.
   */
  private leaseLost(why: string): void {
    this.logger.error(
      { site: this.cluster?.site, why },
      'ingest lease lost: stopping, the new holder alone appends',
    );
    process.kill(process.pid, 'SIGTERM');
  }
}

/** Resolves once the connection is ready, or after `ms` (the caller then reports the errors). */
function connected(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
    redis.once('ready', done);
  });
}
