import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { syslogLines } from '../../electron/engine/sample/syslog-gen';
import { sealdesk, sealdeskBackground } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const LINES = 300_000;

function eventCount(caseDir: string): number {
  const db = new Database(path.join(caseDir, 'case.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function killMidImport(caseDir: string, log: string, env: Record<string, string>): Promise<number> {
  const { child } = sealdeskBackground(['import', caseDir, log], env);
  const exited = new Promise((r) => child.on('exit', r));
  // Wait until the first batches are committed, then kill the whole process without warning.
  for (;;) {
    let n = 0;
    try {
      n = eventCount(caseDir);
    } catch {
      n = 0;
    }
    if (n > 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  await exited;
  return eventCount(caseDir);
}

describe('crash safety of imports', () => {
  it('marks a killed import interrupted, and rolls it back or resumes it to the same result', { timeout: 240_000 }, async () => {
    const dir = tmpDir();
    const env = { SEALDESK_HOME: path.join(dir, 'home') };
    const log = path.join(dir, 'big.log');
    writeFileSync(log, [...syslogLines(LINES, { seed: 5 })].join('\n') + '\n');
    const caseDir = path.join(dir, 'case');
    expect(sealdesk(['case', 'create', caseDir], env).code).toBe(0);

    const partial = await killMidImport(caseDir, log, env);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(LINES);
    // Batches are whole: a partial import holds a multiple of complete transactions, never a torn one.
    const db = new Database(path.join(caseDir, 'case.sqlite'), { readonly: true });
    const ftsRows = (db.prepare('SELECT count(*) AS n FROM events_fts').get() as { n: number }).n;
    db.close();
    expect(ftsRows).toBe(partial);

    // Opening the case notices the dead import; rolling back removes exactly its events.
    const stats = sealdesk(['stats', caseDir, '--json'], env);
    expect(stats.code).toBe(0);
    const rollback = sealdesk(['import', caseDir, '--rollback', '1', '--json'], env);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(JSON.parse(rollback.stdout)).toMatchObject({ eventsRemoved: partial });
    expect(eventCount(caseDir)).toBe(0);

    // Kill a second import, then resume it: the result equals one clean import.
    await killMidImport(caseDir, log, env);
    const resumed = sealdesk(['import', caseDir, '--resume', '2', '--json'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(eventCount(caseDir)).toBe(LINES);
    const again = sealdesk(['search', caseDir, '', '--count'], env);
    expect(Number(again.stdout.trim())).toBe(LINES);
  });
});
