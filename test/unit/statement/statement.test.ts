import { describe, expect, it } from 'vitest';
import { buildStatement, checkSubjects, EVIDENCE_BUNDLE_PREDICATE_TYPE, evidenceBundlePredicateSchema, STATEMENT_TYPE } from '../../../electron/engine/export/statement';
import { AppError } from '../../../shared/errors';
import { bundleStatement, files, predicate, sha } from './fixtures';

const T = 'https://sealdesk.app/evidence-bundle/v1';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_input');
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('buildStatement', () => {
  it('builds an in-toto Statement v1 with subjects sorted by name', () => {
    const st = bundleStatement();
    expect(st._type).toBe(STATEMENT_TYPE);
    expect(st._type).toBe('https://in-toto.io/Statement/v1');
    expect(st.predicateType).toBe(T);
    expect(st.subject.map((s) => s.name)).toEqual(['events/events.csv', 'events/events.jsonl', 'ledger/extract.jsonl', 'report.pdf']);
    expect(st.subject[3]).toEqual({ name: 'report.pdf', digest: { sha256: sha('pdf') } });
    expect(Object.keys(st)).toEqual(['_type', 'subject', 'predicateType', 'predicate']);
  });

  it('is deterministic whatever the input order', () => {
    const a = buildStatement([{ name: 'b', sha256: sha('b') }, { name: 'a', sha256: sha('a') }], T, {});
    const b = buildStatement([{ name: 'a', sha256: sha('a') }, { name: 'b', sha256: sha('b') }], T, {});
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it.each([
    ['../etc/passwd', "'..' segment"],
    ['events/../../x', "'..' segment"],
    ['/abs/file', 'absolute path'],
    ['C:/x', 'drive letter'],
    ['events\\x.csv', "contains '\\'"],
    ['', 'is empty'],
    ['a//b', 'empty segment'],
    ['a/', 'empty segment'],
    ['./a', "'.' segment"],
    ['a\u0000b', 'control character'],
  ])('refuses the subject name %j', (name, why) => {
    expect(refusal(() => buildStatement([{ name, sha256: sha('x') }], T, {}))).toContain(why);
  });

  it('refuses duplicate names, bad digests, and empty input', () => {
    expect(refusal(() => buildStatement([{ name: 'a', sha256: sha('1') }, { name: 'a', sha256: sha('2') }], T, {}))).toContain('appears twice');
    expect(refusal(() => buildStatement([{ name: 'a', sha256: sha('1').toUpperCase() }], T, {}))).toContain('lowercase hex');
    expect(refusal(() => buildStatement([{ name: 'a', sha256: 'abc' }], T, {}))).toContain('lowercase hex');
    expect(refusal(() => buildStatement([], T, {}))).toContain('at least one subject');
    expect(refusal(() => buildStatement([{ name: 'a', sha256: sha('1') }], '', {}))).toContain('predicate type');
  });
});

describe('checkSubjects', () => {
  it('finds nothing when the files match', () => {
    expect(checkSubjects(bundleStatement(), new Map(files))).toEqual([]);
  });

  it('names the changed, missing and extra files', () => {
    const actual = new Map(files);
    actual.set('report.pdf', sha('tampered pdf'));
    actual.delete('events/events.csv');
    actual.set('notes/added.txt', sha('sneaky'));
    expect(checkSubjects(bundleStatement(), actual)).toEqual([
      'missing file: events/events.csv is listed in the statement but is not in the bundle',
      'extra file: notes/added.txt is in the bundle but not listed in the statement',
      `changed file: report.pdf has sha256 ${sha('tampered pdf')}, the statement says ${sha('pdf')}`,
    ]);
  });

  it('compares digests case-insensitively', () => {
    const actual = new Map([...files].map(([n, d]) => [n, d.toUpperCase()] as [string, string]));
    expect(checkSubjects(bundleStatement(), actual)).toEqual([]);
  });
});

describe('evidence-bundle predicate schema', () => {
  it('accepts the optional fields being absent and masking of any shape', () => {
    const { query: _q, ...rest } = predicate;
    const minimal = { ...rest, treeHead: { size: 0, rootHash: sha(''), timestamp: '2026-11-23T12:00:00+01:00' } };
    expect(evidenceBundlePredicateSchema.safeParse(minimal).success).toBe(true);
    expect(evidenceBundlePredicateSchema.safeParse({ ...predicate, masking: { fields: ['user'], salt: null } }).success).toBe(true);
    expect(EVIDENCE_BUNDLE_PREDICATE_TYPE).toBe('https://sealdesk.app/evidence-bundle/v1');
  });

  it('refuses a timestamp that is not ISO 8601 and a missing tool', () => {
    const bad = { ...predicate, createdAt: 1_700_000_000_000, tool: undefined };
    const result = evidenceBundlePredicateSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['createdAt', 'tool']);
  });
});
