import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import tar from 'tar-stream';
import { expect } from 'vitest';
import { walkInputs, type IntakeItem, type WalkOptions } from '../../../electron/engine/ingest/intake/walk';
import { tmpDir } from '../../helpers/tmp';

/** A case folder, an input folder, and an untouched sibling that must stay empty. */
export interface Sandbox {
  caseDir: string;
  inputDir: string;
  siblingDir: string;
  input(name: string): string;
}

export function sandbox(): Sandbox {
  const root = tmpDir('sealdesk-intake-');
  const s = {
    caseDir: path.join(root, 'case'),
    inputDir: path.join(root, 'input'),
    siblingDir: path.join(root, 'sibling'),
    input: (name: string) => path.join(root, 'input', name),
  };
  for (const d of [s.caseDir, s.inputDir, s.siblingDir]) mkdirSync(d);
  return s;
}

export interface IntakeRun {
  items: IntakeItem[];
  refused: Array<{ path: string; reason: string }>;
}

export async function runIntake(paths: string[], opts: Omit<WalkOptions, 'onRefused'>): Promise<IntakeRun> {
  const run: IntakeRun = { items: [], refused: [] };
  for await (const item of walkInputs(paths, { ...opts, onRefused: (p, reason) => run.refused.push({ path: p, reason }) })) {
    run.items.push(item);
  }
  return run;
}

/** Intake a single archive and return its item. */
export async function intakeOne(s: Sandbox, file: string, limits?: WalkOptions['limits']): Promise<IntakeItem> {
  const run = await runIntake([file], { caseDir: s.caseDir, limits });
  expect(run.refused).toEqual([]);
  expect(run.items).toHaveLength(1);
  return run.items[0]!;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function flatten(item: IntakeItem): IntakeItem[] {
  return [item, ...item.children.flatMap(flatten)];
}

/**
 * The evidence store holds only read-only files named by their own SHA-256, staging is
 * empty, and nothing was written beside the case.
 */
export function expectCleanStore(s: Sandbox): string[] {
  const evidence = path.join(s.caseDir, 'evidence');
  const names = readdirSync(evidence).filter((n) => n !== '.staging');
  for (const n of names) {
    expect(n).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(evidence, n);
    expect(sha256(readFileSync(file))).toBe(n);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  }
  expect(readdirSync(path.join(evidence, '.staging'))).toEqual([]);
  expect(readdirSync(s.siblingDir)).toEqual([]);
  expect(readdirSync(s.caseDir).sort()).toEqual(['evidence']);
  return names.sort();
}

export interface PackEntry {
  name: string;
  data?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';
  linkname?: string;
  mtime?: Date;
}

/** A tar written by tar-stream's packer, as ordinary tools would write it. */
export async function packTar(entries: PackEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const e of entries) {
    const data = e.data === undefined ? undefined : Buffer.from(e.data);
    pack.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mtime: e.mtime, size: data?.length ?? 0 }, data ?? Buffer.alloc(0));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}
