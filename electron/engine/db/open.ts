import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { MIGRATIONS } from './migrations/index';

export type Db = Database.Database;

/**
 * `fn` as a write transaction, begun with BEGIN IMMEDIATE: it takes the write lock at the
 * start and waits (busy_timeout) while another connection (an import worker) writes. A
 * deferred transaction that reads before it writes holds a snapshot; when another connection
 * commits in between, SQLite cannot turn it into a write and fails at once with "database is
 * locked", whatever the timeout. Every transaction that writes the case goes through here.
 */
export function writeTransaction<A extends unknown[], R>(db: Db, fn: (...args: A) => R): (...args: A) => R {
  return db.transaction(fn).immediate;
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * The one place that opens a case database and sets its pragmas. Applies pending
 * migrations, each in its own transaction, and refuses a database whose recorded
 * migrations are unknown to this build or whose checksums differ (edited migration or a
 * newer Sealdesk): a database is never silently rewritten.
 */
export function openDb(file: string, opts: { readonly?: boolean; create?: boolean } = {}): Db {
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: !opts.create });
  } catch (err) {
    throw new AppError('io', `Cannot open the case database ${file}: ${(err as Error).message}`);
  }
  try {
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    db.pragma('cache_size = -65536'); // 64 MiB page cache per connection
    db.pragma('temp_store = MEMORY');
    db.pragma('mmap_size = 268435456');
    migrate(db, !!opts.readonly);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function migrate(db: Db, readonly: boolean): void {
  if (!readonly) {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
    ) STRICT`);
  }
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string; checksum: string }[];
  for (const row of applied) {
    const known = MIGRATIONS.find((m) => m.version === row.version);
    if (!known) {
      throw new AppError(
        'refused',
        `This case was written by a newer Sealdesk (schema migration ${row.version} "${row.name}" is unknown to this version). Open it with a newer Sealdesk.`,
        { version: row.version },
      );
    }
    if (checksum(known.sql) !== row.checksum) {
      throw new AppError(
        'refused',
        `Schema migration ${row.version} "${row.name}" recorded in this case differs from this build's; refusing to open a database whose schema history does not match.`,
        { version: row.version },
      );
    }
  }
  const pending = MIGRATIONS.filter((m) => !applied.some((a) => a.version === m.version));
  if (pending.length === 0) return;
  if (readonly) throw new AppError('refused', 'The case needs a schema upgrade but was opened read-only.');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of pending) {
    writeTransaction(db, () => {
      db.exec(m.sql);
      record.run(m.version, m.name, checksum(m.sql), new Date().toISOString());
    })();
  }
}
