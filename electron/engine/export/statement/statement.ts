import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import { SHA256_HEX, subjectNameProblem } from './names';

/** in-toto Statement v1 (in-toto/attestation spec/v1/statement.md). */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

export interface Subject {
  name: string;
  digest: { sha256: string };
}

export interface Statement<P = unknown> {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: string;
  predicate: P;
}

export interface SubjectInput {
  name: string;
  sha256: string;
}

/** Subject digests: Sealdesk always records sha256 (ResourceDescriptor `digest`, lowercase hex). */
const subjectSchema = z.object({
  name: z.string().superRefine((name, ctx) => {
    const problem = subjectNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: `subject name ${JSON.stringify(name)} ${problem}` });
  }),
  digest: z.object({ sha256: z.string().regex(SHA256_HEX, 'sha256 must be 64 lowercase hex characters') }),
});

export const statementSchema = z
  .object({
    _type: z.literal(STATEMENT_TYPE),
    subject: z.array(subjectSchema).min(1),
    predicateType: z.string().min(1),
    predicate: z.unknown(),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    for (const sub of s.subject) {
      if (seen.has(sub.name)) ctx.addIssue({ code: 'custom', path: ['subject'], message: `duplicate subject name ${JSON.stringify(sub.name)}` });
      seen.add(sub.name);
    }
  });

/**
 * Build the Statement for a bundle: one subject per file, sorted by name (code-unit order) so the
 * same bundle always yields the same payload. Throws AppError('invalid_input') naming the bad entry.
 */
export function buildStatement<P>(subjects: SubjectInput[], predicateType: string, predicate: P): Statement<P> {
  if (subjects.length === 0) throw new AppError('invalid_input', 'A statement needs at least one subject.');
  if (predicateType.length === 0) throw new AppError('invalid_input', 'The predicate type is empty.');
  const seen = new Set<string>();
  for (const { name, sha256 } of subjects) {
    const problem = subjectNameProblem(name);
    if (problem) throw new AppError('invalid_input', `Subject name ${JSON.stringify(name)} ${problem}.`, { name });
    if (seen.has(name)) throw new AppError('invalid_input', `Subject name ${JSON.stringify(name)} appears twice.`, { name });
    seen.add(name);
    if (!SHA256_HEX.test(sha256)) {
      throw new AppError('invalid_input', `Subject ${JSON.stringify(name)} has sha256 ${JSON.stringify(sha256)}; expected 64 lowercase hex characters.`, { name });
    }
  }
  const subject = [...subjects]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, sha256 }) => ({ name, digest: { sha256 } }));
  return { _type: STATEMENT_TYPE, subject, predicateType, predicate };
}

/**
 * Compare a statement's subjects with the files actually present (name -> sha256). Subjects are
 * matched by digest (statement.md, `subject`); each problem names the file. The envelope file
 * itself is not a subject, so callers leave it out of `files`.
 */
export function checkSubjects(statement: Statement, files: Map<string, string>): string[] {
  const problems: { name: string; text: string }[] = [];
  const listed = new Map(statement.subject.map((s) => [s.name, s.digest.sha256.toLowerCase()]));
  for (const [name, expected] of listed) {
    const actual = files.get(name);
    if (actual === undefined) problems.push({ name, text: `missing file: ${name} is listed in the statement but is not in the bundle` });
    else if (actual.toLowerCase() !== expected) {
      problems.push({ name, text: `changed file: ${name} has sha256 ${actual.toLowerCase()}, the statement says ${expected}` });
    }
  }
  for (const name of files.keys()) {
    if (!listed.has(name)) problems.push({ name, text: `extra file: ${name} is in the bundle but not listed in the statement` });
  }
  return problems.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((p) => p.text);
}
