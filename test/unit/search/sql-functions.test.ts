import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { regexpSql, registerSearchFunctions } from '../../../electron/engine/search/sql-functions';

describe('regexp SQL function', () => {
  it('matches anywhere, case-sensitive unless flags say otherwise', () => {
    expect(regexpSql('adm', 'sysadmin')).toBe(1);
    expect(regexpSql('^adm', 'sysadmin')).toBe(0);
    expect(regexpSql('ADM', 'admin')).toBe(0);
    expect(regexpSql('ADM', 'admin', 'i')).toBe(1);
    expect(regexpSql('^ä', 'Äpfel', 'iu')).toBe(1);
  });

  it('passes NULL through and stringifies numbers', () => {
    expect(regexpSql('x', null)).toBeNull();
    expect(regexpSql('^4\\d\\d$', 404)).toBe(1);
  });

  it('ignores stateful flags so results do not depend on row order', () => {
    expect([regexpSql('a', 'a', 'g'), regexpSql('a', 'a', 'g'), regexpSql('a', 'a', 'gy')]).toEqual([1, 1, 1]);
  });

  it('is registered as regexp(pattern, value[, flags]) and serves the REGEXP operator', () => {
    const db = new Database(':memory:');
    registerSearchFunctions(db);
    registerSearchFunctions(db);
    expect(db.prepare("SELECT regexp('^a', 'abc'), 'ABC' REGEXP '^a', regexp('^a', 'ABC', 'i'), regexp('a', NULL)").raw().get()).toEqual([1, 0, 1, null]);
    db.close();
  });
});
