import type Redis from 'ioredis';
import type {
  CallEvent,
  CallSource,
  CallSourceListener,
  CallSourceStats,
} from '@hotline/call-events';
import { streamKey } from './cluster-keys';
import {
  compareStreamIds,
  decodeEntry,
  StreamRecordError,
  type StreamEntry,
  type StreamRecord,
} from './stream-record';

export interface StreamSourceOptions {
  /** How long one XREAD waits for new entries. */
  readonly blockMs: number;
  /** Entries per XREAD. */
  readonly count: number;
  /** Wait before reading again after Redis failed. */
  readonly retryDelayMs: number;
}

/** The subset of pino the source logs through. */
export interface SourceLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface StreamSourceStatus {
  /** The last entry applied (the watermark): `0` before the first. */
  readonly watermark: string;
  /** The stream's last entry when this instance started: ready only once it is applied. */
  readonly catchUpTarget?: string;
  readonly caughtUp: boolean;
  readonly redisUp: boolean;
  readonly entries: number;
  readonly badEntries: number;
  /** The fencing token of the latest entry: which ingest holds the site now. */
  readonly ingestToken?: number;
}

/**
 * A serve's call source: one site's stream read from its start (XREAD BLOCK from the
 * watermark), each entry handed to the listener as the ingest's own link handed it over —
 * events, resync views, link changes. Ready only once it has caught up with the entries that
 * were on the stream when it started, and while the ingest's link is up and resynced.
 */
export class StreamCallSource implements CallSource {
  private listener: CallSourceListener | undefined;
  private stopped = false;
  private watermark = '0';
  private target: string | undefined;
  private caughtUp = false;
  private redisUp = false;
  private upstream = { up: false, resynced: false };
  private prepared = false;
  private entries = 0;
  private badEntries = 0;
  private ingestToken: number | undefined;
  private loop: Promise<void> | undefined;
  private readonly eventTypes = new Map<string, number>();
  private reconnects = 0;

  constructor(
    private readonly redis: Redis,
    readonly site: string,
    private readonly options: StreamSourceOptions,
    private readonly logger: SourceLogger,
  ) {}

  get ready(): boolean {
    return this.caughtUp && this.redisUp && this.upstream.up && this.upstream.resynced;
  }

  status(): StreamSourceStatus {
    return {
      watermark: this.watermark,
      ...(this.target ? { catchUpTarget: this.target } : {}),
      caughtUp: this.caughtUp,
      redisUp: this.redisUp,
      entries: this.entries,
      badEntries: this.badEntries,
      ...(this.ingestToken !== undefined ? { ingestToken: this.ingestToken } : {}),
    };
  }

  stats(): CallSourceStats {
    return {
      reconnects: this.reconnects,
      protocolErrors: this.badEntries,
      eventsByType: this.eventTypes,
    };
  }

  start(listener: CallSourceListener): void {
    if (this.listener) return;
    this.listener = listener;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.redis.disconnect();
    await this.loop;
    this.listener = undefined;
  }

  private async run(): Promise<void> {
    const key = streamKey(this.site);
    while (!this.stopped) {
      let entries: [string, string[]][];
      try {
        if (this.target === undefined) await this.takeCatchUpTarget(key);
        const reply = await this.redis.xread(
          'COUNT',
          this.options.count,
          'BLOCK',
          this.options.blockMs,
          'STREAMS',
          key,
          this.watermark,
        );
        entries = reply?.[0]?.[1] ?? [];
      } catch (error) {
        if (this.stopped) break;
        this.redisLost(error);
        await this.pause();
        continue;
      }
      if (!this.redisUp) this.redisBack();
      try {
        await this.apply(entries);
      } catch (error) {
        // The listener failed (its preparation: the database not reachable yet): the entries
        // from the watermark on are read and applied again.
        this.logger.warn({ site: this.site, err: error }, 'stream entries not applied; retrying');
        await this.pause();
        continue;
      }
      // Caught up: the entries there at start are applied, or nothing more came in a whole
      // block (the target was trimmed away meanwhile).
      if (!this.caughtUp && (entries.length === 0 || this.reached())) this.markCaughtUp();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
  }

  private async takeCatchUpTarget(key: string): Promise<void> {
    const last = (await this.redis.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
    this.target = last[0]?.[0] ?? '0';
    this.logger.info({ site: this.site, target: this.target }, 'catching up from the stream');
  }

  private reached(): boolean {
    return this.target !== undefined && compareStreamIds(this.watermark, this.target) >= 0;
  }

  private async apply(raw: readonly [string, string[]][]): Promise<void> {
    let events: CallEvent[] = [];
    const flush = () => {
      if (events.length > 0) this.listener?.onEvents(events);
      events = [];
    };
    for (const [id, fields] of raw) {
      let entry: StreamEntry;
      try {
        entry = decodeEntry(id, fields);
      } catch (error) {
        if (!(error instanceof StreamRecordError)) throw error;
        this.badEntries++;
        if (this.badEntries === 1)
          this.logger.warn({ site: this.site, id, err: error.message }, 'stream entry skipped');
        this.watermark = id;
        continue;
      }
      // Readied before the first resync or event, not before a link record: the ingest appends
      // its first view only once it has imported its ledger and stored what it holds (the
      // serve restores that from the site's database) and no event comes before a view.
      if (!this.prepared && entry.record.kind !== 'link') await this.prepare(entry.record);
      this.entries++;
      this.ingestToken = entry.token;
      this.eventTypes.set(entry.record.kind, (this.eventTypes.get(entry.record.kind) ?? 0) + 1);
      if (entry.record.kind === 'event') events.push(entry.record.event);
      else {
        flush();
        this.deliver(entry.record);
      }
      this.watermark = id;
    }
    flush();
  }

  /** The engine is readied on the PBX's clock once, before the first entry is applied. */
  private async prepare(record: Exclude<StreamRecord, { kind: 'link' }>): Promise<void> {
    const at = record.kind === 'event' ? record.event.at : record.view.at;
    await this.listener?.prepare?.({ at });
    this.prepared = true;
  }

  private deliver(record: Exclude<StreamRecord, { kind: 'event' }>): void {
    const listener = this.listener;
    if (!listener) return;
    if (record.kind === 'resync') {
      this.upstream = { up: true, resynced: true };
      listener.onResync(record.view);
      // The listener counts a resync as the link ready; while catching up it is not yet.
      if (!this.ready) listener.onLink(true, { at: record.view.at });
      return;
    }
    this.upstream = { up: record.up, resynced: false };
    listener.onLink(record.up, {
      at: record.at,
      ...(record.reason ? { reason: `PBX link (ingest): ${record.reason}` } : {}),
      ...(record.code ? { code: record.code } : {}),
    });
  }

  private markCaughtUp(): void {
    this.caughtUp = true;
    this.logger.info(
      { site: this.site, watermark: this.watermark, entries: this.entries },
      'caught up with the stream',
    );
    this.tellLink();
  }

  private redisBack(): void {
    this.redisUp = true;
    this.tellLink();
  }

  private redisLost(error: unknown): void {
    if (!this.redisUp && this.reconnects > 0) return;
    this.redisUp = false;
    this.reconnects++;
    const reason = `Redis: ${error instanceof Error ? error.message : String(error)}`;
    this.listener?.onLink(false, { reason, code: 'CLUSTER_REDIS_DOWN', at: Date.now() });
  }

  /** Tells the listener the link as the serve sees it (caught up, Redis, the ingest's link). */
  private tellLink(): void {
    if (!this.caughtUp || !this.redisUp) return;
    this.listener?.onLink(this.upstream.up, {
      at: Date.now(),
      ...(this.upstream.up
        ? {}
        : { reason: 'the ingest has no PBX link', code: 'CLUSTER_NO_INGEST' }),
    });
  }
}
