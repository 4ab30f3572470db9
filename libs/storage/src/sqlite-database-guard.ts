import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  compareDatabaseFile,
  type DatabaseFault,
  type DatabaseGuard,
  fileIdentity,
  type FileIdentity,
} from './database-guard';

/** SQLite's companion files in WAL mode. */
const COMPANIONS = ['-wal', '-shm'] as const;

/** The part of better-sqlite3's Database the guard uses (TypeORM's driver.databaseConnection). */
interface BetterSqliteConnection {
  backup(destination: string): Promise<unknown>;
}

/**
 * Keeps the SQLite file the monitor writes the one at the configured path. SQLite writes on
 * into an unlinked or replaced file without an error, so the path is checked by inode:
 * - missing (file or folder deleted): the folder is recreated and the still-open database is
 *   copied back to the path (SQLite's online backup reads the unlinked file through the open
 *   handle), then reopened there — nothing written before the deletion is lost;
 * - replaced (another file put at the path): the open one is copied beside it as
 *   `<path>.orphaned-<time>` (nothing lost, to merge by hand), its -wal and -shm are removed
 *   (SQLite does not checkpoint a moved database on close, and would replay its stale WAL into
 *   the new file), and the new one is opened and migrated;
 * - unwritable (writes fail with a storage error): the database is closed and opened again.
 * Until it succeeds the writer keeps the records in its spill file.
 */
export class SqliteDatabaseGuard implements DatabaseGuard {
  private opened: FileIdentity | undefined;
  /** The -wal and -shm of the open database, to tell them from a new file's. */
  private readonly companions = new Map<string, FileIdentity>();
  /** Orphaned copies saved so far (for the status and the log). */
  readonly orphans: string[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.opened = fileIdentity(path);
    this.noteCompanions();
  }

  get description(): string {
    return this.path;
  }

  check(): DatabaseFault | undefined {
    if (!this.dataSource.isInitialized)
      return { kind: 'unwritable', detail: `${this.path} is not open` };
    if (this.opened === undefined) {
      this.opened = fileIdentity(this.path);
      if (this.opened === undefined)
        return { kind: 'missing', detail: `${this.path} no longer exists` };
    }
    const fault = compareDatabaseFile(this.opened, fileIdentity(this.path), this.path);
    if (!fault) this.noteCompanions();
    return fault;
  }

  private noteCompanions(): void {
    for (const suffix of COMPANIONS) {
      const identity = fileIdentity(`${this.path}${suffix}`);
      if (identity) this.companions.set(suffix, identity);
    }
  }

  /** Removes the -wal and -shm that belong to the open (orphaned) database, not a new one's. */
  private removeOwnCompanions(): void {
    for (const suffix of COMPANIONS) {
      const own = this.companions.get(suffix);
      const current = fileIdentity(`${this.path}${suffix}`);
      if (own && current && own.dev === current.dev && own.ino === current.ino)
        rmSync(`${this.path}${suffix}`, { force: true });
    }
    this.companions.clear();
  }

  async recover(fault: DatabaseFault): Promise<DatabaseFault | undefined> {
    try {
      if (this.dataSource.isInitialized) {
        const current = this.check() ?? fault;
        if (current.kind === 'missing') {
          mkdirSync(dirname(this.path), { recursive: true });
          if (!existsSync(this.path)) await this.copyOpenDatabase(this.path);
        } else if (current.kind === 'replaced') {
          const orphan = `${this.path}.orphaned-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
          await this.copyOpenDatabase(orphan);
          this.orphans.push(orphan);
          this.removeOwnCompanions();
        }
        await this.dataSource.destroy();
      }
      // Only now is the old handle let go: everything it held is at the path or beside it.
      await this.dataSource.initialize();
      await this.dataSource.runMigrations({ transaction: 'each' });
      this.opened = fileIdentity(this.path);
      this.noteCompanions();
      return undefined;
    } catch (error) {
      return { kind: fault.kind, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** SQLite's online backup of the open database (through the handle: works when unlinked). */
  private async copyOpenDatabase(destination: string): Promise<void> {
    const connection = (
      this.dataSource.driver as unknown as { databaseConnection: BetterSqliteConnection }
    ).databaseConnection;
    const partial = `${destination}.partial`;
    rmSync(partial, { force: true });
    await connection.backup(partial);
    renameSync(partial, destination);
  }
}
