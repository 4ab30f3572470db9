import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { StorageItem } from './stored-records';

const READ_CHUNK_BYTES = 1 << 20;

/**
 * Append-only JSONL file of storage items the in-memory backlog could not take (database down
 * for long). Replayed in order when the database is back; upserts make a replay after a crash
 * harmless. Synchronous on purpose: an append must be on disk before `offer` says "taken".
 */
export class SpillFile {
  private replayOffset = 0;
  /** Inode the replay offset belongs to: a file deleted and created anew starts at 0. */
  private replayIno: number | undefined;

  constructor(readonly path: string) {}

  sizeBytes(): number {
    return existsSync(this.path) ? statSync(this.path).size : 0;
  }

  hasPending(): boolean {
    this.checkReplayFile();
    return this.sizeBytes() > this.replayOffset;
  }

  append(items: readonly StorageItem[]): void {
    if (items.length === 0) return;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, items.map((i) => JSON.stringify(i)).join('\n') + '\n', 'utf8');
  }

  /** Puts items before everything already spilled (they are older). */
  prepend(items: readonly StorageItem[]): void {
    if (items.length === 0) return;
    mkdirSync(dirname(this.path), { recursive: true });
    this.checkReplayFile();
    const rest = existsSync(this.path)
      ? readFileSync(this.path).subarray(this.replayOffset)
      : Buffer.alloc(0);
    const tmp = `${this.path}.tmp`;
    writeFileSync(
      tmp,
      Buffer.concat([
        Buffer.from(items.map((i) => JSON.stringify(i)).join('\n') + '\n', 'utf8'),
        rest,
      ]),
    );
    renameSync(tmp, this.path);
    this.replayOffset = 0;
  }

  /** The next items after the replay position, without consuming them. */
  peek(max: number): { items: StorageItem[]; nextOffset: number } {
    this.checkReplayFile();
    const size = this.sizeBytes();
    const items: StorageItem[] = [];
    if (size <= this.replayOffset) return { items, nextOffset: this.replayOffset };
    const fd = openSync(this.path, 'r');
    try {
      let readAt = this.replayOffset;
      let carry = Buffer.alloc(0);
      let nextOffset = this.replayOffset;
      while (items.length < max && readAt < size) {
        const buffer = Buffer.alloc(Math.min(READ_CHUNK_BYTES, size - readAt));
        const read = readSync(fd, buffer, 0, buffer.length, readAt);
        if (read <= 0) break;
        const base = readAt - carry.length; // file position of data[0]
        const data = Buffer.concat([carry, buffer.subarray(0, read)]);
        readAt += read;
        let start = 0;
        for (
          let nl = data.indexOf(10, start);
          nl !== -1 && items.length < max;
          nl = data.indexOf(10, start)
        ) {
          const line = data.subarray(start, nl).toString('utf8').trim();
          if (line !== '') items.push(JSON.parse(line) as StorageItem);
          start = nl + 1;
          nextOffset = base + start;
        }
        carry = data.subarray(start);
      }
      return { items, nextOffset };
    } finally {
      closeSync(fd);
    }
  }

  /** Marks everything before `offset` as written; empties the file once all is replayed. */
  commit(offset: number): void {
    this.replayOffset = offset;
    if (this.replayOffset >= this.sizeBytes()) {
      if (existsSync(this.path)) truncateSync(this.path, 0);
      this.replayOffset = 0;
    }
    this.replayIno = existsSync(this.path) ? statSync(this.path).ino : undefined;
  }

  /** The file was deleted (its folder with it) and appended to anew: replay it from the start. */
  private checkReplayFile(): void {
    if (this.replayOffset === 0) return;
    const ino = existsSync(this.path) ? statSync(this.path).ino : undefined;
    if (ino !== this.replayIno) this.replayOffset = 0;
  }
}
