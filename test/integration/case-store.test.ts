import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCase, openCase } from '../../electron/engine/case/case-folder';
import { seedCase } from '../helpers/seed';
import { tmpDir } from '../helpers/tmp';

describe('case store', () => {
  it('creates a case folder with database, evidence and exports and reopens it', () => {
    const dir = path.join(tmpDir(), 'acme');
    const c = createCase(dir, 'ACME breach');
    c.db.close();
    const again = openCase(dir);
    expect(again.meta.name).toBe('ACME breach');
    expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal');
    again.db.close();
  });

  it('refuses to create a case in a non-empty folder', () => {
    const dir = tmpDir();
    createCase(path.join(dir, 'a')).db.close();
    expect(() => createCase(path.join(dir, 'a'))).toThrow(/not empty/);
  });

  it('refuses UPDATE and DELETE on events, evidence and intake', () => {
    const c = seedCase([{ ts: 1, message: 'hello' }]);
    expect(() => c.db.prepare("UPDATE events SET message = 'x'").run()).toThrow(/append-only/);
    expect(() => c.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => c.db.prepare('DELETE FROM evidence').run()).toThrow(/append-only/);
    expect(() => c.db.prepare("UPDATE intake SET path = 'x'").run()).toThrow(/append-only/);
    expect(() => c.db.prepare("UPDATE imports SET status = 'running'").run()).toThrow(/forward/);
    c.db.close();
  });

  it('refuses a case whose recorded migration was edited', () => {
    const c = seedCase([]);
    c.db.prepare("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1").run();
    c.db.close();
    expect(() => openCase(c.dir)).toThrow(/differs/);
  });

  it('refuses a case written by a newer schema', () => {
    const c = seedCase([]);
    c.db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x', 'now')").run();
    c.db.close();
    expect(() => openCase(c.dir)).toThrow(/newer Sealdesk/);
  });
});
