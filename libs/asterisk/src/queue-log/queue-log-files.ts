import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parseQueueLogLine } from './queue-log-line';

/** One queue_log file on disk: the live one or a rotated one. */
export interface QueueLogFile {
  readonly path: string;
  /** Bytes on disk (compressed bytes for a .gz). */
  readonly size: number;
  readonly compressed: boolean;
  /** Epoch seconds of its first line; undefined for an empty file or one without a line. */
  readonly firstEpoch: number | undefined;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
/**
 * Names rotation gives: `.1`, `.2.gz` (logrotate; Asterisk's sequential `.0`, `.1`…, and its
 * timestamp strategy `.<epoch>`), `-20240101`, `-2024010112.gz` (logrotate dateext). Anything
 * else beside the file (a `.bak` copy, an editor's swap file) is not read: it would count twice.
 */
const ROTATED_SUFFIX = /^(\.\d+|-\d{8}(\d{2})?)(\.gz)?$/;

/**
 * A log file and its rotated siblings (names ROTATED_SUFFIX allows), in no particular order,
 * each marked compressed when it starts with gzip's magic bytes, whatever its name. A missing
 * folder is no file.
 */
export async function findRotatedFiles(path: string): Promise<Omit<QueueLogFile, 'firstEpoch'>[]> {
  const dir = dirname(path);
  const name = basename(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const candidates = names
    .filter((n) => n === name || (n.startsWith(name) && ROTATED_SUFFIX.test(n.slice(name.length))))
    .map((n) => join(dir, n));
  const files: Omit<QueueLogFile, 'firstEpoch'>[] = [];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (!info?.isFile()) continue;
    files.push({
      path: candidate,
      size: info.size,
      compressed: await startsWith(candidate, GZIP_MAGIC),
    });
  }
  return files;
}

/**
 * The live queue_log and its rotated files (`queue_log.1`, `queue_log.2.gz`, `queue_log.0`,
 * `queue_log-20240101.gz`: logrotate's and Asterisk's own `rotatestrategy` names), oldest
 * first. Rotation schemes number their files in opposite orders, so the files are ordered by
 * the time of their first line, not by name. A file compressed with gzip is recognised by its
 * first bytes, whatever its name.
 */
export async function findQueueLogFiles(path: string): Promise<QueueLogFile[]> {
  const files: QueueLogFile[] = [];
  for (const file of await findRotatedFiles(path))
    files.push({ ...file, firstEpoch: await firstEpochOf(file) });
  return files
    .filter((f) => f.firstEpoch !== undefined)
    .sort(
      (a, b) =>
        (a.firstEpoch ?? 0) - (b.firstEpoch ?? 0) ||
        (a.path === path ? 1 : 0) - (b.path === path ? 1 : 0),
    );
}

/**
 * The files (oldest first) that can hold lines dated in [fromMs, toMs): a file holds the lines
 * from its first one up to the first line of the next file.
 */
export function queueLogFilesFor(
  files: readonly QueueLogFile[],
  fromMs: number,
  toMs: number,
): QueueLogFile[] {
  return files.filter((file, i) => {
    const start = (file.firstEpoch ?? 0) * 1000;
    const next = files[i + 1]?.firstEpoch;
    const end = next === undefined ? Infinity : next * 1000;
    return start < toMs && end > fromMs;
  });
}

/**
 * The lines of one file, streamed (bounded memory), gunzipped when compressed. `onBytes` is told
 * how many bytes of the file (as stored) have been read, for progress.
 */
export async function* readQueueLogFileLines(
  file: Pick<QueueLogFile, 'path' | 'compressed'>,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string> {
  const raw = createReadStream(file.path, { highWaterMark: 256 * 1024 });
  let read = 0;
  if (onBytes)
    raw.on('data', (chunk) => {
      read += chunk.length;
      onBytes(read);
    });
  const input = file.compressed ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } finally {
    lines.close();
    raw.destroy();
  }
}

async function firstEpochOf(
  file: Pick<QueueLogFile, 'path' | 'compressed'>,
): Promise<number | undefined> {
  for await (const line of readQueueLogFileLines(file)) {
    const parsed = parseQueueLogLine(line);
    if (parsed) return parsed.epoch;
  }
  return undefined;
}

async function startsWith(path: string, magic: Buffer): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    const { bytesRead } = await handle.read(head, 0, magic.length, 0);
    return bytesRead === magic.length && head.equals(magic);
  } finally {
    await handle.close();
  }
}
