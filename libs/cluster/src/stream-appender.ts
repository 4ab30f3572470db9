import type Redis from 'ioredis';
import { AppendBuffer } from './append-buffer';
import { APPEND_SCRIPT } from './append-script';
import { leaseKey, seenKeyPrefix, streamKey } from './cluster-keys';
import { recordFingerprint } from './record-fingerprint';
import { encodeRecord, type StreamRecord } from './stream-record';

export interface AppenderOptions {
  /** Records held while Redis is unreachable; beyond it the newest are refused (counted). */
  readonly bufferCapacity: number;
  /** Stream entries older than this are trimmed (MINID ~), and seen marks expire after it. */
  readonly retentionMs: number;
  /** The stream's length cap (MAXLEN ~), whatever the age. */
  readonly maxLength: number;
  /** Records per append script call. */
  readonly batchSize: number;
  /** Wait before retrying after Redis failed. */
  readonly retryDelayMs: number;
}

/**
 * `appending`: everything handed over is on the stream or on its way; `buffering`: Redis
 * failed and records wait in memory (bounded); `fenced`: the lease was lost, nothing more is
 * appended by this instance.
 */
export type AppenderState = 'appending' | 'buffering' | 'fenced';

export interface AppenderStatus {
  readonly state: AppenderState;
  readonly buffered: number;
  readonly bufferCapacity: number;
  /** Records refused because the buffer was full (lost to the stream: see docs/cluster.md). */
  readonly refused: number;
  readonly appended: number;
  /** Records found already on the stream (a retry, a standby's re-read): not appended again. */
  readonly alreadyAppended: number;
  readonly lastError?: string;
}

interface Pending {
  readonly fingerprint: string;
  readonly json: string;
}

/**
 * Appends one ingest's records to its site's stream in order, each once, under its lease's
 * fencing token (APPEND_SCRIPT); holds them in a bounded buffer while Redis cannot take them
 * and drains it in order when Redis is back.
 */
export class StreamAppender {
  private readonly buffer: AppendBuffer<Pending>;
  private state: AppenderState = 'appending';
  private appended = 0;
  private alreadyAppended = 0;
  private lastError: string | undefined;
  private draining = false;
  /** The buffer is refusing records (said once per full spell). */
  private refusing = false;
  private sequence = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly site: string,
    private readonly token: number,
    private readonly options: AppenderOptions,
    private readonly hooks: {
      /** Redis failed (once per failure spell) or is back. */
      onRedis?(up: boolean, error?: string): void;
      /** The append script found the lease someone else's: this instance must stop. */
      onFenced?(): void;
      /** The buffer refused a record (the first of each full spell). */
      onRefused?(buffered: number): void;
    } = {},
  ) {
    this.buffer = new AppendBuffer<Pending>(options.bufferCapacity);
  }

  status(): AppenderStatus {
    return {
      state: this.state,
      buffered: this.buffer.size,
      bufferCapacity: this.buffer.capacity,
      refused: this.buffer.refused,
      appended: this.appended,
      alreadyAppended: this.alreadyAppended,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  append(records: readonly StreamRecord[]): void {
    if (this.state === 'fenced') return;
    for (const record of records) {
      this.sequence++;
      const pending = {
        fingerprint: recordFingerprint(record, `${this.token}:${this.sequence}`),
        json: encodeRecord(record),
      };
      if (this.buffer.push(pending)) continue;
      if (!this.refusing) this.hooks.onRefused?.(this.buffer.size);
      this.refusing = true;
    }
    void this.drain();
  }

  /** Resolves once everything handed over so far is appended (or the appender is fenced). */
  flushed(): Promise<void> {
    if (this.buffer.size === 0 || this.state === 'fenced') return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.buffer.size > 0 && this.state !== 'fenced') {
        const batch = this.buffer.peek(this.options.batchSize);
        try {
          const [appended, skipped] = await this.appendBatch(batch);
          if (appended < 0) {
            this.state = 'fenced';
            this.buffer.clear();
            this.hooks.onFenced?.();
            break;
          }
          this.appended += appended;
          this.alreadyAppended += skipped;
          this.buffer.drop(batch.length);
          this.refusing = false;
          if (this.state === 'buffering') {
            this.state = 'appending';
            this.lastError = undefined;
            this.hooks.onRedis?.(true);
          }
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (this.state !== 'buffering') this.hooks.onRedis?.(false, reason);
          this.state = 'buffering';
          this.lastError = reason;
          await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
        }
      }
    } finally {
      this.draining = false;
      const waiting = this.idle;
      this.idle = [];
      for (const resolve of waiting) resolve();
    }
  }

  private async appendBatch(batch: readonly Pending[]): Promise<[number, number]> {
    const args: string[] = [
      String(this.token),
      seenKeyPrefix(this.site),
      String(this.options.retentionMs),
      String(Math.max(0, Date.now() - this.options.retentionMs)),
      String(this.options.maxLength),
    ];
    for (const { fingerprint, json } of batch) args.push(fingerprint, json);
    const reply = (await this.redis.eval(
      APPEND_SCRIPT,
      2,
      leaseKey(this.site),
      streamKey(this.site),
      ...args,
    )) as [number, number];
    return [Number(reply[0]), Number(reply[1])];
  }
}
