import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseHandle } from '../../../electron/engine/case/case-folder';
import { caseVariants, distinctValues, indexedColumns } from '../../../electron/engine/search/index-values';
import { seedCase } from '../../helpers/seed';

let c: CaseHandle;
beforeAll(() => {
  c = seedCase(
    ['web-01', 'WEB-01', 'Web-01', 'web-02', 'web', 'webmail', 'db-01', 'müller'].map((host, i) => ({ ts: i, host, message: host })),
  );
});
afterAll(() => c.db.close());

describe('index walks', () => {
  it('finds exactly the stored case variants of a value', () => {
    expect(caseVariants(c.db, 'host', 'web-01')?.sort()).toEqual(['WEB-01', 'Web-01', 'web-01']);
    expect(caseVariants(c.db, 'host', 'WEB')).toEqual(['web']);
    expect(caseVariants(c.db, 'host', 'nope')).toEqual([]);
    expect(caseVariants(c.db, 'host', 'müller')).toBeNull();
  });

  it('finds the case variants of a prefix', () => {
    expect(caseVariants(c.db, 'host', 'WEB-', { prefix: true })?.sort()).toEqual(['WEB-', 'Web-', 'web-']);
  });

  it('lists distinct values, optionally under prefixes', () => {
    expect(distinctValues(c.db, 'host', null)).toEqual(['WEB-01', 'Web-01', 'db-01', 'müller', 'web', 'web-01', 'web-02', 'webmail']);
    expect(distinctValues(c.db, 'host', ['web-'])).toEqual(['web-01', 'web-02']);
    expect(distinctValues(c.db, 'user', null)).toEqual([]);
  });

  it('uses only indexes that can answer any value', () => {
    c.db.exec("CREATE INDEX t_outcome ON events(outcome) WHERE outcome = 'failure'");
    c.db.exec('CREATE INDEX t_severity ON events(severity) WHERE severity IS NOT NULL');
    c.db.exec('CREATE INDEX t_resource ON events(resource COLLATE NOCASE)');
    c.db.exec('CREATE INDEX t_lower ON events(lower(dst_ip))');
    const cols = indexedColumns(c.db);
    expect(['host', 'user', 'action', 'severity'].every((x) => cols.has(x))).toBe(true);
    expect(['outcome', 'resource', 'dst_ip'].some((x) => cols.has(x))).toBe(false);
  });
});
