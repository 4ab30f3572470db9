import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { parseQueueLogLine, type QueueLogLine } from './queue-log-line';

export interface QueueLogTailOptions {
  /** The queue_log file (Asterisk: /var/log/asterisk/queue_log). */
  readonly path: string;
  /** Lines older than this behind the newest line read are forgotten. Default 6 h. */
  readonly retainMs?: number;
  /** On the first read of a big file, start this many bytes before its end. Default 64 MiB. */
  readonly maxInitialBytes?: number;
}

const DEFAULT_RETAIN_MS = 6 * 60 * 60 * 1000;
const DEFAULT_MAX_INITIAL_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;
const HEAD_BYTES = 64;

/**
 * Follows a queue_log file the way `tail -F` does: reads what was appended since the last read,
 * from a byte offset, and keeps the recent lines in memory. Rotation is handled both ways
 * logrotate does it: a renamed file (new inode at the path) is read to its end through the
 * handle still open on it before the new file is read from 0; a truncated file
 * (copytruncate: same inode, smaller than the offset) is read again from 0.
 * A missing file is not an error: nothing is read until it appears.
 */
export class QueueLogTail {
  private handle: FileHandle | undefined;
  private inode: number | undefined;
  private offset = 0;
  private partial = '';
  /** First bytes of the file, to tell a copytruncate that grew back past the offset. */
  private head: Buffer | undefined;
  private lines: QueueLogLine[] = [];
  private newestEpoch = 0;
  private reading: Promise<QueueLogLine[]> | undefined;
  private readonly retainMs: number;
  private readonly maxInitialBytes: number;

  constructor(private readonly options: QueueLogTailOptions) {
    this.retainMs = options.retainMs ?? DEFAULT_RETAIN_MS;
    this.maxInitialBytes = options.maxInitialBytes ?? DEFAULT_MAX_INITIAL_BYTES;
  }

  get path(): string {
    return this.options.path;
  }

  /** Reads what was appended since the last read; resolves with the new whole lines. */
  read(): Promise<QueueLogLine[]> {
    // Reads are serialised: two at once would read the same bytes twice.
    const next = (this.reading ?? Promise.resolve([])).then(() => this.readNow());
    this.reading = next.catch(() => []);
    return next;
  }

  /** Retained lines whose epoch (ms) is in [fromMs, toMs), in file order. */
  linesBetween(fromMs: number, toMs = Infinity): QueueLogLine[] {
    return this.lines.filter((line) => line.epoch * 1000 >= fromMs && line.epoch * 1000 < toMs);
  }

  async close(): Promise<void> {
    await this.reading;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async readNow(): Promise<QueueLogLine[]> {
    const fresh: QueueLogLine[] = [];
    let current: Stats | undefined;
    try {
      current = await stat(this.options.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (this.handle && (current === undefined || current.ino !== this.inode)) {
      // Rotated (renamed away): finish the old file through the open handle first.
      await this.drain(fresh);
      await this.handle.close();
      this.handle = undefined;
      this.head = undefined;
      this.flushPartial(fresh);
    }
    if (!current) return this.keep(fresh);
    if (!this.handle) {
      const first = this.inode === undefined;
      this.handle = await open(this.options.path, 'r');
      this.inode = current.ino;
      this.offset = first ? Math.max(0, current.size - this.maxInitialBytes) : 0;
      // Started inside a big file: the first (partial) line is dropped.
      this.partial = '';
      if (this.offset > 0) await this.skipPartialLine();
    } else if (current.size < this.offset || !(await this.sameHead())) {
      this.offset = 0; // truncated in place (copytruncate), maybe already written again
      this.partial = '';
      this.head = undefined;
    }
    await this.drain(fresh);
    return this.keep(fresh);
  }

  /** The file still starts with the bytes it started with when read from 0. */
  private async sameHead(): Promise<boolean> {
    if (!this.handle || !this.head) return true;
    const buffer = Buffer.alloc(this.head.length);
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, 0);
    return bytesRead === this.head.length && buffer.equals(this.head);
  }

  private async drain(into: QueueLogLine[]): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    if (this.offset === 0 || this.head === undefined) {
      const head = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
      if (this.offset === 0 && bytesRead > 0) this.head = head.subarray(0, bytesRead);
    }
    const buffer = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      // queue_log is ASCII in practice; a split multi-byte character would only garble a field.
      const text = this.partial + buffer.subarray(0, bytesRead).toString('utf8');
      const parts = text.split('\n');
      this.partial = parts.pop() ?? '';
      for (const part of parts) {
        const line = parseQueueLogLine(part);
        if (line) into.push(line);
      }
    }
  }

  private async skipPartialLine(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset - 1);
    const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
    this.offset = newline < 0 ? this.offset - 1 + bytesRead : this.offset + newline;
  }

  private flushPartial(into: QueueLogLine[]): void {
    const line = parseQueueLogLine(this.partial);
    if (line) into.push(line);
    this.partial = '';
  }

  private keep(fresh: QueueLogLine[]): QueueLogLine[] {
    for (const line of fresh) if (line.epoch > this.newestEpoch) this.newestEpoch = line.epoch;
    this.lines.push(...fresh);
    const oldest = this.newestEpoch * 1000 - this.retainMs;
    let drop = 0;
    while (drop < this.lines.length && (this.lines[drop]?.epoch ?? 0) * 1000 < oldest) drop++;
    if (drop > 0) this.lines = this.lines.slice(drop);
    return fresh;
  }
}
