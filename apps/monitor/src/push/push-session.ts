import type { CallerVisibility } from '@hotline/access';
import type { TokenBucket } from './token-bucket';
import {
  PUSH_SCHEMA_VERSION,
  type PushPeriod,
  type PushRole,
  type PushView,
  type ServerMessageType,
} from './push-protocol';
import type { PushSectionName, ServerData } from './push-server-messages';
import { SharedMessageData } from './shared-message-data';

/** The part of a `ws` WebSocket a session uses (so the session can be tested without one). */
export interface PushSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  /** One text message: `head` then `tail`, UTF-8 bytes, sent without joining them. */
  sendText(head: Buffer, tail: Buffer): void;
  ping(): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

const OPEN = 1;

export interface Subscription {
  /** The site whose figures the session shows (SiteRegistry). */
  readonly site: string;
  readonly views: readonly PushView[];
  readonly queues: readonly string[];
  readonly lines: readonly string[];
  readonly period: PushPeriod;
  /** The shift chosen for period `shift` (null: the one that started last). */
  readonly shift: string | null;
  /** How much of a waiting caller's number this session's role may see. */
  readonly callers: CallerVisibility;
  /** Same key → same projected sections (sessions are grouped by it). */
  readonly key: string;
  /** Same key → same engine snapshot filter. */
  readonly filterKey: string;
}

export interface PendingSnapshot {
  readonly reason: 'subscribe' | 'resume';
  readonly resumedFrom: number | null;
}

export interface PushSessionLimits {
  readonly maxBufferedBytes: number;
}

/**
 * One WebSocket client: its sequence numbers, subscription, what it has been sent, its rate
 * limit and back-pressure state. No timers, no Nest: the hub drives it.
 */
export class PushSession {
  subscription: Subscription | undefined;
  /** JSON of each section as last sent: an update carries only sections whose JSON changed. */
  readonly lastSent = new Map<PushSectionName, string>();
  /** A snapshot is owed (subscribe/resume) and goes out as soon as the socket has room. */
  pendingSnapshot: PendingSnapshot | undefined;
  /** Answered the last protocol-level ping. */
  alive = true;
  /** Consecutive cadences the socket stayed over maxBufferedBytes. */
  slowCadences = 0;
  /** Consecutive client messages refused by the rate limit. */
  rateViolations = 0;
  closing = false;
  /** Left the hub (closed, dropped as slow or dead): its filter is no longer counted. */
  detached = false;
  private seq = 0;

  constructor(
    readonly id: number,
    private readonly socket: PushSocket,
    readonly role: PushRole,
    /** The remote address, for logs. */
    readonly address: string,
    readonly allowedViews: readonly PushView[],
    private readonly bucket: TokenBucket,
    private readonly limits: PushSessionLimits,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  /** More is queued in user space than the limit: skip what can be skipped. */
  get congested(): boolean {
    return this.socket.bufferedAmount > this.limits.maxBufferedBytes;
  }

  get open(): boolean {
    return !this.closing && this.socket.readyState === OPEN;
  }

  send<T extends ServerMessageType>(type: T, data: ServerData[T], at: number): void {
    this.sendSerialized(type, new SharedMessageData(JSON.stringify(data)), at);
  }

  /** `data` is shared by every session in a group; only the envelope is per session. */
  sendSerialized(type: ServerMessageType, data: SharedMessageData, at: number): void {
    if (!this.open) return;
    this.seq += 1;
    // The envelope is ASCII; the shared bytes are neither encoded nor copied per session.
    const head = `{"type":"${type}","v":${PUSH_SCHEMA_VERSION},"seq":${this.seq},"at":${at},"data":`;
    this.socket.sendText(Buffer.from(head, 'latin1'), data.envelopeTail);
  }

  allowClientMessage(now: number): boolean {
    const allowed = this.bucket.take(now);
    this.rateViolations = allowed ? 0 : this.rateViolations + 1;
    return allowed;
  }

  ping(): void {
    if (this.socket.readyState === OPEN) this.socket.ping();
  }

  /** Says why (a `bye` when there is room for it), then closes with the code and reason. */
  close(code: number, reason: string, at: number): void {
    if (this.closing) return;
    if (!this.congested) this.send('bye', { code, reason }, at);
    this.closing = true;
    this.socket.close(code, reason);
  }

  terminate(): void {
    this.closing = true;
    this.socket.terminate();
  }
}
