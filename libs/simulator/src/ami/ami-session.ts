import type { Socket } from 'node:net';
import { AmiActionParser } from './ami-action-parser';
import { AmiEventFilter } from './ami-event-filter';

/** One connected AMI client: its login, event mask, filters and (faulty) output. */
export class AmiSession {
  readonly parser = new AmiActionParser();
  readonly filter = new AmiEventFilter();
  authenticated = false;
  /** 'all', 'none', or the permitted privilege classes (call, agent, dialplan…). */
  eventMask: 'all' | 'none' | Set<string> = 'all';
  private held: Buffer[] | undefined;
  private heldEvents: Buffer[] | undefined;

  constructor(
    readonly socket: Socket,
    /** Asterisk drops a client that cannot keep up (manager.conf writetimeout); so do we. */
    private readonly maxBufferedBytes = 64 * 1024 * 1024,
  ) {}

  setEventMask(value: string | undefined): void {
    const v = (value ?? 'on').trim().toLowerCase();
    if (v === 'on' || v === 'yes' || v === 'true' || v === 'all') this.eventMask = 'all';
    else if (v === 'off' || v === 'no' || v === 'false' || v === '') this.eventMask = 'none';
    else this.eventMask = new Set(v.split(',').map((s) => s.trim()));
  }

  wantsEvent(privilege: string | undefined, text: string): boolean {
    if (!this.authenticated || this.eventMask === 'none') return false;
    if (this.eventMask !== 'all') {
      const mask = this.eventMask;
      const classes = (privilege ?? '').split(',').filter((c) => c !== 'all');
      if (!classes.some((c) => mask.has(c))) return false;
    }
    return this.filter.size === 0 || this.filter.passes(text);
  }

  /** Writes a response or an event now, unless output is held (stall). */
  write(data: Buffer): void {
    if (this.socket.destroyed) return;
    if (this.held) this.held.push(data);
    else if (this.socket.writableLength > this.maxBufferedBytes) this.socket.destroy();
    else this.socket.write(data);
  }

  /** Events may additionally be held on their own (delay fault) while responses flow. */
  writeEvent(data: Buffer): void {
    if (this.heldEvents) this.heldEvents.push(data);
    else this.write(data);
  }

  /** Slow consumer: stop reading and writing until resume(). */
  stall(): void {
    this.held ??= [];
    this.socket.pause();
  }

  resume(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const data of held) this.write(data);
    if (!this.socket.destroyed) this.socket.resume();
  }

  holdEvents(): void {
    this.heldEvents ??= [];
  }

  releaseEvents(): void {
    const held = this.heldEvents ?? [];
    this.heldEvents = undefined;
    for (const data of held) this.write(data);
  }
}
