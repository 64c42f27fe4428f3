import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { openDb, SCHEMA_VERSION, type Db } from '../db/open';
import { ledgerRepo } from '../db/repos/ledger';
import { APP_VERSION } from '../version';

export const CASE_DB = 'case.sqlite';
export const CASE_JSON = 'case.json';
export const EVIDENCE_DIR = 'evidence';
export const EXPORTS_DIR = 'exports';

const caseJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  created: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  sample: z.boolean().optional(),
});
export type CaseJson = z.infer<typeof caseJsonSchema>;

/** An open case: its folder, its metadata and a read-write database connection. */
export interface CaseHandle {
  dir: string;
  meta: CaseJson;
  db: Db;
}

export function isCaseDir(dir: string): boolean {
  return existsSync(path.join(dir, CASE_JSON)) && existsSync(path.join(dir, CASE_DB));
}

/** Create a new case folder. Refuses a folder that already holds anything. */
export function createCase(dirIn: string, name?: string, opts: { sample?: boolean; actor?: string } = {}): CaseHandle {
  const dir = path.resolve(dirIn);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new AppError('conflict', `${dir} exists and is not a folder. Choose a new folder for the case.`);
    if (readdirSync(dir).length > 0) {
      throw new AppError('conflict', `${dir} is not empty. A case needs a new or empty folder; to open an existing case use "case open".`);
    }
  }
  try {
    mkdirSync(path.join(dir, EVIDENCE_DIR), { recursive: true });
    mkdirSync(path.join(dir, EXPORTS_DIR), { recursive: true });
  } catch (err) {
    throw new AppError('io', `Cannot create the case folder ${dir}: ${(err as Error).message}`);
  }
  const meta: CaseJson = {
    id: randomUUID(),
    name: name ?? path.basename(dir),
    created: new Date().toISOString(),
    schemaVersion: SCHEMA_VERSION,
    appVersion: APP_VERSION,
    ...(opts.sample ? { sample: true } : {}),
  };
  const db = openDb(path.join(dir, CASE_DB), { create: true });
  ledgerRepo(db).append({
    actor: opts.actor ?? 'unknown',
    action: 'case.create',
    subject: meta.id,
    details: { name: meta.name, created: meta.created, appVersion: meta.appVersion, schemaVersion: meta.schemaVersion },
  });
  writeFileSync(path.join(dir, CASE_JSON), JSON.stringify(meta, null, 2) + '\n');
  return { dir, meta, db };
}

/** Open an existing case folder (migrating its database forward if this build is newer). */
export function openCase(dirIn: string, opts: { readonly?: boolean } = {}): CaseHandle {
  const dir = path.resolve(dirIn);
  if (!isCaseDir(dir)) {
    throw new AppError('not_found', `${dir} is not a Sealdesk case (no ${CASE_JSON} and ${CASE_DB}). Create one with "sealdesk case create ${dirIn}".`);
  }
  let meta: CaseJson;
  try {
    meta = caseJsonSchema.parse(JSON.parse(readFileSync(path.join(dir, CASE_JSON), 'utf8')));
  } catch (err) {
    throw new AppError('invalid_input', `${path.join(dir, CASE_JSON)} is unreadable or malformed: ${(err as Error).message}`);
  }
  const db = openDb(path.join(dir, CASE_DB), { readonly: opts.readonly });
  return { dir, meta, db };
}
