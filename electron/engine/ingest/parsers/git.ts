import { isUtf8 } from 'node:buffer';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { ByteReader } from '../git/byte-reader';
import { parseCommitObject, type CommitObject, type GitIdent } from '../git/commit-object';
import { LOG_FORMAT, logRecords, type LogRecord, type RawChange } from '../git/log-records';
import { gitFailure, runGit, spawnGit } from '../git/run-git';
import type { DetectSample, ParseContext, ParsedEvent, ParseSink, StreamParser } from '../types';
import { EVENT_FLAG_INVALID_UTF8 } from '../types';

/**
 * Git history from a bundle (`git bundle create`): each commit reachable from the bundle's
 * refs is one event, in `git log --all --date-order` order (`record` = that index,
 * `attrs.commit` = the full id). The bundle is cloned into a private temporary folder and
 * read there with git itself; nothing in the bundle can run code or reach the network
 * (see run-git). A repository folder given with --format git is received as such a bundle.
 */

/** Commit objects larger than this keep only their head (a message is rarely over a few KiB). */
const MAX_OBJECT_BYTES = 4 * 1024 * 1024;

const CHANGE: Record<string, string> = { A: 'added', C: 'copied', D: 'deleted', M: 'modified', R: 'renamed', T: 'type changed', U: 'unmerged', X: 'unknown', B: 'broken pair' };
const SIGNATURE_STATUS: Record<string, string> = {
  G: 'good',
  B: 'bad',
  U: 'good, key of unknown validity',
  X: 'good, signature expired',
  Y: 'good, key expired',
  R: 'good, key revoked',
  E: 'cannot be checked (key not in the keyring)',
  N: 'none',
};

function isoOf(seconds: number | null): string | null {
  if (seconds === null || Math.abs(seconds) > 1e11) return null;
  return new Date(seconds * 1000).toISOString();
}

function identAttrs(prefix: string, p: GitIdent | null, attrs: Record<string, unknown>): void {
  if (!p) return;
  attrs[`${prefix}.name`] = p.name;
  attrs[`${prefix}.email`] = p.email;
  attrs[`${prefix}.time`] = isoOf(p.time);
  attrs[`${prefix}.tz`] = p.tz;
  if (p.time === null) attrs[`${prefix}.raw`] = p.raw;
}

function pathText(b: Buffer): { text: string; invalid: boolean } {
  return { text: b.toString('utf8'), invalid: !isUtf8(b) };
}

/** One change as stored in attrs.files; paths that are not UTF-8 also keep their bytes in hex. */
function changeOf(c: RawChange): { value: Record<string, unknown>; invalid: boolean } {
  const p = pathText(c.path);
  const value: Record<string, unknown> = { change: CHANGE[c.status[0]!] ?? c.status, status: c.status, path: p.text };
  let invalid = p.invalid;
  if (p.invalid) value.path_hex = c.path.toString('hex');
  if (c.from) {
    const f = pathText(c.from);
    value.from = f.text;
    if (f.invalid) value.from_hex = c.from.toString('hex');
    invalid ||= f.invalid;
  }
  return { value, invalid };
}

/** The event of one commit. */
export function commitEvent(rec: LogRecord, obj: CommitObject, index: number): ParsedEvent {
  const attrs: Record<string, unknown> = { commit: rec.id, tree: obj.tree, parents: obj.parents };
  identAttrs('author', obj.author, attrs);
  identAttrs('committer', obj.committer, attrs);
  if (obj.encoding) attrs.encoding = obj.encoding;
  attrs.subject = obj.message.split('\n', 1)[0] ?? '';
  attrs.signature = obj.signature ?? 'none';
  attrs['signature.status'] = obj.signature ? (SIGNATURE_STATUS[rec.sigStatus] ?? rec.sigStatus) : 'none';
  if (obj.signature) {
    // Checked at import time against this machine's keyring: another machine may answer differently.
    attrs['signature.checked_with'] = 'the importing analyst\'s keyring';
    if (rec.sigKey) attrs['signature.key'] = rec.sigKey;
    if (rec.signer) attrs['signature.signer'] = rec.signer;
  }
  let invalid = obj.invalidText;
  const files = rec.changes.map((c) => {
    const x = changeOf(c);
    invalid ||= x.invalid;
    return x.value;
  });
  attrs.files = files;
  attrs['files.count'] = files.length;
  if (obj.otherHeaders.length) attrs.headers = obj.otherHeaders;
  const committed = obj.committer?.time ?? null;
  const when = committed ?? obj.author?.time ?? null;
  const usable = when !== null && Math.abs(when) <= 1e11;
  return {
    ts: usable ? when * 1_000_000 : null,
    ts_desc: usable ? (committed !== null ? 'commit time (committer)' : 'author time') : null,
    user: obj.author?.name || null,
    action: obj.parents.length > 1 ? 'merge' : 'commit',
    resource: rec.id,
    message: obj.message.replace(/\n+$/, '') || '(empty commit message)',
    attrs,
    offset: null,
    length: null,
    record: index,
    flags: invalid ? EVENT_FLAG_INVALID_UTF8 : 0,
  };
}

/** Collect a child's stderr (bounded) and its exit code. */
function watch(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string; error: Error | null }> {
  let stderr = '';
  let error: Error | null = null;
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 8192) stderr += c.toString('utf8');
  });
  child.on('error', (e) => {
    error = e;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr: stderr.trim(), error })));
}

/**
 * gpg as git calls it to check signatures, but never fetching a missing key from a key
 * server (a user's gpg.conf may ask for that): verification stays offline.
 */
async function offlineGpg(dir: string): Promise<string[]> {
  if (process.platform === 'win32') return [];
  const file = path.join(dir, 'gpg-offline');
  await writeFile(file, '#!/bin/sh\nexec gpg --no-auto-key-retrieve --no-auto-key-locate "$@"\n');
  await chmod(file, 0o700);
  return ['-c', `gpg.program=${file}`];
}

async function parse(file: string, _ctx: ParseContext, sink: ParseSink, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'sealdesk-git-'));
  try {
    const repo = path.join(tmp, 'repo.git');
    // The evidence copy is given as a plain path: the only transport git may use is reading a local file.
    const cloned = await runGit(['-c', 'protocol.file.allow=always', 'clone', '--mirror', '--quiet', '--no-hardlinks', '--', path.resolve(file), repo], signal);
    signal.throwIfAborted();
    if (cloned.code !== 0 || cloned.spawnError) {
      sink.skip('file', `not imported: git cannot read this bundle (${gitFailure(cloned)})`);
      return;
    }
    const gitDir = `--git-dir=${repo}`;
    const log = spawnGit(
      [gitDir, ...(await offlineGpg(tmp)), 'log', '--all', '--date-order', '-z', '--no-abbrev', '--no-color', LOG_FORMAT, '--name-status', '-M', '--diff-merges=first-parent', '--root', '--no-ext-diff', '--no-textconv'],
      signal,
    );
    const cat = spawnGit([gitDir, 'cat-file', '--batch'], signal);
    const logEnd = watch(log);
    const catEnd = watch(cat);
    log.stdin.end();
    const objects = new ByteReader(cat.stdout);
    let index = 0;
    let complete = false;
    try {
      for await (const rec of logRecords(new ByteReader(log.stdout))) {
        cat.stdin.write(`${rec.id}\n`);
        const header = (await objects.until(0x0a))?.toString('latin1') ?? '';
        const m = /^([0-9a-f]+) commit (\d+)$/.exec(header);
        if (!m || m[1] !== rec.id) {
          sink.skip(`record ${index}`, `commit ${rec.id}: git cat-file answered ${JSON.stringify(header.slice(0, 120))}; not imported`);
          break;
        }
        const size = Number(m[2]);
        const { bytes } = await objects.exact(size, MAX_OBJECT_BYTES);
        await objects.exact(1);
        if (size > MAX_OBJECT_BYTES) sink.note?.(`record ${index}`, `commit ${rec.id} is ${size} bytes; only the first ${MAX_OBJECT_BYTES} were read (truncated)`);
        sink.event(commitEvent(rec, parseCommitObject(bytes), index));
        index++;
        if (index % 512 === 0) {
          signal.throwIfAborted();
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      complete = true;
    } catch (err) {
      signal.throwIfAborted();
      sink.skip(`record ${index}`, `git output could not be read past this point: ${(err as Error).message}`);
    } finally {
      cat.stdin.end();
      if (!complete) log.kill();
    }
    const [l] = await Promise.all([logEnd, catEnd]);
    signal.throwIfAborted();
    if (l.code !== 0 && l.code !== null) sink.skip('file', `git log failed (status ${l.code}): ${l.stderr.split('\n').slice(-2).join(' / ')}; ${index} commits imported`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Bundle files start with their signature line; a repository folder is never detected, only forced. */
function detect(sample: DetectSample): number {
  const head = sample.head.subarray(0, 20).toString('latin1');
  return head.startsWith('# v2 git bundle\n') || head.startsWith('# v3 git bundle\n') ? 1 : 0;
}

export const gitParser: StreamParser = {
  kind: 'stream',
  id: 'git',
  label: 'Git history (bundle or repository)',
  detect,
  parse,
};
