import { statSync } from 'node:fs';

/** Why the database cannot take writes now. */
export type DatabaseFaultKind =
  /** The database file (or its folder) is gone: writes would go into an unlinked file. */
  | 'missing'
  /** Another file is at the database's path now: writes would go into the orphaned one. */
  | 'replaced'
  /** Writes fail with a storage error (read-only, I/O error, disk full, not a database …). */
  | 'unwritable';

export interface DatabaseFault {
  readonly kind: DatabaseFaultKind;
  readonly detail: string;
}

/**
 * Watches that the database the writer writes to is still the one it opened and brings it
 * back when it is not. The writer calls `check` before every batch and when idle (cheap: one
 * stat), and `recover` with a backoff while a fault lasts.
 */
export interface DatabaseGuard {
  /** For logs: what is watched (e.g. the SQLite path). */
  readonly description: string;
  check(): DatabaseFault | undefined;
  /** Resolves undefined once the database takes writes again, else the fault that remains. */
  recover(fault: DatabaseFault): Promise<DatabaseFault | undefined>;
}

/** Device and inode: the same path with another inode is another file. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

export function fileIdentity(path: string): FileIdentity | undefined {
  try {
    const stat = statSync(path);
    return { dev: stat.dev, ino: stat.ino };
  } catch {
    return undefined;
  }
}

/** The file at the path now against the one opened. */
export function compareDatabaseFile(
  opened: FileIdentity,
  current: FileIdentity | undefined,
  path: string,
): DatabaseFault | undefined {
  if (current === undefined)
    return { kind: 'missing', detail: `${path} no longer exists (deleted, or its folder was)` };
  if (current.dev !== opened.dev || current.ino !== opened.ino)
    return { kind: 'replaced', detail: `${path} is another file than the one opened` };
  return undefined;
}

/** SQLite result codes that mean the database cannot take writes until something changes. */
const UNUSABLE_SQLITE = /^SQLITE_(READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB|FULL|PERM)/;

/**
 * A failed write that retrying the same file will not fix (read-only, I/O error, disk full, not
 * a database): the writer spills and reopens. Busy or locked databases and network errors are
 * transient and only retried.
 */
export function isDatabaseUnusable(error: unknown): boolean {
  const codes = [
    (error as { code?: unknown } | undefined)?.code,
    (error as { driverError?: { code?: unknown } } | undefined)?.driverError?.code,
  ];
  return codes.some((code) => typeof code === 'string' && UNUSABLE_SQLITE.test(code));
}
