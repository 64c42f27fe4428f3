import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { AppError } from '../../../../shared/errors';
import { entryBytes } from '../../db/repos/ledger';
import { publicKeyFromRaw } from '../../identity/fingerprint';
import { trustStatus, type TrustStatus } from '../../identity/trust-store';
import { zipMembers } from '../../ingest/intake/zip-members';
import { eventLeaf } from '../../ledger/event-leaf';
import { leafHash, verifyConsistency, verifyInclusion } from '../../ledger/merkle';
import { signedTreeHeadSchema, treeHeadSignatureProblem, type SignedTreeHead } from '../../ledger/tree-head';
import { checkSubjects, verifyEnvelope } from '../statement';
import { contentOfExported, exportedEventSchema } from './event-rows';
import { BUNDLE_FILES as F, CONTENT_DIGEST_KEYWORD, contentDigest } from './layout';

/** Bundles are read into memory; beyond this a file is refused rather than exhausting it. */
const MAX_MEMBER_BYTES = 2 * 1024 ** 3;
const MAX_MEMBERS = 1000;
const PROBLEM_LIMIT = 200;

export interface BundleCheck {
  ok: boolean;
  /** Each failing item, named (file, signature, key, proof). */
  problems: string[];
  signer: { name: string | null; keyid: string | null; trust: TrustStatus | 'none' };
  treeHead: { size: number; rootHash: string; timestamp: string } | null;
  checked: { files: number; ledgerEntries: number; events: number; eventProofs: number; earlierHeads: number; report: boolean };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const hex = (s: unknown): Buffer | null => (typeof s === 'string' && /^[0-9a-f]{64}$/.test(s) ? Buffer.from(s, 'hex') : null);
function hexPath(p: unknown): Buffer[] | null {
  if (!Array.isArray(p)) return null;
  const out: Buffer[] = [];
  for (const x of p) {
    const b = hex(x);
    if (!b) return null;
    out.push(b);
  }
  return out;
}

async function readMembers(file: string): Promise<{ files: Map<string, Buffer>; problems: string[] }> {
  const files = new Map<string, Buffer>();
  const problems: string[] = [];
  let count = 0;
  for await (const m of zipMembers(file)) {
    if (++count > MAX_MEMBERS) throw new AppError('invalid_input', `The bundle has more than ${MAX_MEMBERS} entries; it is not a Sealdesk bundle.`);
    const name = m.name.check;
    if (m.kind === 'directory') continue;
    if (m.kind !== 'file' || m.problem) {
      problems.push(`entry ${m.name.display}: ${m.problem ?? `${m.kind} entries are not allowed in a bundle`}`);
      continue;
    }
    if (name.startsWith('/') || name.split('/').some((p) => p === '..' || p === '') || name !== m.name.display) {
      problems.push(`entry ${m.name.display}: unsafe or malformed name`);
      continue;
    }
    if (files.has(name)) {
      problems.push(`entry ${name} appears twice`);
      continue;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of await m.open()) {
      size += (c as Buffer).length;
      if (size > MAX_MEMBER_BYTES) throw new AppError('invalid_input', `Entry ${name} is larger than ${MAX_MEMBER_BYTES} bytes.`);
      chunks.push(c as Buffer);
    }
    files.set(name, Buffer.concat(chunks));
  }
  return { files, problems };
}

function jsonLines(buf: Buffer | undefined): unknown[] {
  if (!buf) return [];
  return buf
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as unknown);
}

/** The PDF's embedded content digest (Keywords metadata), or null. */
async function reportDigest(pdf: Buffer): Promise<string | null> {
  // Loaded when a bundle is verified: the engine starts without the PDF library.
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const kw = doc.getKeywords() ?? '';
  const m = new RegExp(`${CONTENT_DIGEST_KEYWORD}([0-9a-f]{64})`).exec(kw);
  return m ? m[1]! : null;
}

/**
 * Verify a bundle offline: every file against the signed statement, the DSSE signature and the
 * signer's trust status, the signed tree head, every inclusion proof (ledger entries and
 * events, with each event's leaf recomputed from its line), the consistency of earlier heads,
 * and that the report carries the digest of the files it describes. Names each failing item.
 * Throws AppError('io') only when the file cannot be read as a zip at all.
 */
export async function verifyBundle(file: string, home: string): Promise<BundleCheck> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('not_found', `No bundle at ${file}.`);
  let read: Awaited<ReturnType<typeof readMembers>>;
  try {
    read = await readMembers(file);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('io', `Cannot read ${file} as a zip file: ${(err as Error).message}`);
  }
  const { files } = read;
  const problems = [...read.problems];
  const add = (p: string) => {
    if (problems.length < PROBLEM_LIMIT) problems.push(p);
    else if (problems.length === PROBLEM_LIMIT) problems.push('more problems not listed');
  };
  const result: BundleCheck = {
    ok: false,
    problems,
    signer: { name: null, keyid: null, trust: 'none' },
    treeHead: null,
    checked: { files: 0, ledgerEntries: 0, events: 0, eventProofs: 0, earlierHeads: 0, report: false },
  };

  // 1. The tree head names the key; the envelope must be signed by that key.
  let head: SignedTreeHead | null = null;
  const headBuf = files.get(F.treeHead);
  if (!headBuf) add(`missing file: ${F.treeHead}`);
  else {
    try {
      const parsed = signedTreeHeadSchema.safeParse(JSON.parse(headBuf.toString('utf8')));
      if (!parsed.success) add(`${F.treeHead} is malformed: ${parsed.error.issues[0]?.message ?? ''}`);
      else head = parsed.data;
    } catch {
      add(`${F.treeHead} is not valid JSON`);
    }
  }
  if (head) {
    result.treeHead = { size: head.size, rootHash: head.rootHash, timestamp: head.timestamp };
    result.signer = { name: head.signer, keyid: head.keyid, trust: trustStatus(home, head.keyid) };
    const p = treeHeadSignatureProblem(head);
    if (p) add(`tree head signature: ${p}`);
  }

  const envBuf = files.get(F.statement);
  if (!envBuf) {
    add(`missing file: ${F.statement}`);
    result.ok = false;
    return result;
  }
  const env = verifyEnvelope(envBuf, (keyid) => (head && keyid === head.keyid ? publicKeyFromRaw(Buffer.from(head.publicKey, 'base64')) : null));
  for (const p of env.problems) add(`statement: ${p}`);
  if (!env.ok || !env.statement) return result;
  const statement = env.statement;
  const predicate = statement.predicate;

  // 2. Every file is one the statement lists, with the listed digest.
  const digests = new Map<string, string>();
  for (const [name, buf] of files) if (name !== F.statement) digests.set(name, sha256(buf));
  for (const p of checkSubjects(statement, digests)) add(p);
  result.checked.files = digests.size;

  // 3. The statement and the tree head agree.
  if (head && (predicate.treeHead.size !== head.size || predicate.treeHead.rootHash !== head.rootHash || predicate.treeHead.timestamp !== head.timestamp)) {
    add(`the statement's tree head (size ${predicate.treeHead.size}) is not the one in ${F.treeHead} (size ${head.size})`);
  }
  if (head && predicate.caseId !== head.caseId) add(`the statement is for case ${predicate.caseId}, the tree head for case ${head.caseId}`);

  // 4. The report carries the digest of the files it describes.
  const expectedDigest = contentDigest(digests);
  if (predicate.contentDigest !== expectedDigest) add(`content digest: the statement says ${predicate.contentDigest ?? '(none)'}, the files give ${expectedDigest}`);
  const pdf = files.get(F.report);
  if (pdf) {
    try {
      const d = await reportDigest(pdf);
      if (d !== expectedDigest) add(`${F.report}: its content digest is ${d ?? '(none)'}, the bundle's files give ${expectedDigest}`);
      else result.checked.report = true;
    } catch (err) {
      add(`${F.report} cannot be read as a PDF: ${(err as Error).message}`);
    }
  }

  if (!head) return finish(result);
  const root = Buffer.from(head.rootHash, 'hex');

  // 5. Ledger entries are in the signed tree.
  const entries = new Map<number, { leaf: Buffer; details: Record<string, unknown> | null; action: string }>();
  const ledgerProofs = new Map<number, { index: number; size: number; path: unknown }>();
  try {
    for (const p of jsonLines(files.get(F.ledgerProofs)) as { seq: number; index: number; size: number; path: unknown }[]) ledgerProofs.set(p.seq, p);
    for (const raw of jsonLines(files.get(F.ledger)) as Record<string, unknown>[]) {
      const seq = raw.seq as number;
      let leaf: Buffer | null;
      let details: Record<string, unknown> | null = null;
      if (raw.withheld === true) leaf = hex(raw.leafHash);
      else {
        leaf = leafHash(entryBytes({ seq, at: raw.at as string, actor: raw.actor as string, action: raw.action as string, subject: (raw.subject as string | null) ?? null, details: raw.details as string }));
        try {
          details = JSON.parse(raw.details as string) as Record<string, unknown>;
        } catch {
          details = null;
        }
      }
      const proof = ledgerProofs.get(seq);
      const path = proof ? hexPath(proof.path) : null;
      if (!leaf || !proof || !path || proof.size !== head.size || !verifyInclusion(leaf, seq - 1, head.size, path, root)) {
        add(`custody entry ${seq} (${String(raw.action)}): ${!proof ? 'has no inclusion proof' : 'its inclusion proof does not lead to the signed tree head'}`);
        continue;
      }
      entries.set(seq, { leaf, details, action: raw.action as string });
      result.checked.ledgerEntries++;
    }
  } catch (err) {
    add(`${F.ledger} or ${F.ledgerProofs} is malformed: ${(err as Error).message}`);
  }

  // 6. Events: each line's recomputed leaf is proven into its import's root, recorded by a proven entry.
  try {
    const lines = jsonLines(files.get(F.eventsJsonl));
    result.checked.events = lines.length;
    if (predicate.selection && predicate.selection.events !== lines.length) add(`${F.eventsJsonl} has ${lines.length} events, the statement says ${predicate.selection.events}`);
    if (predicate.eventProofs) {
      const proofs = new Map<number, Record<string, unknown>>();
      for (const p of jsonLines(files.get(F.eventProofs)) as Record<string, unknown>[]) proofs.set(p.id as number, p);
      for (const raw of lines) {
        const ev = exportedEventSchema.safeParse(raw);
        const id = (raw as { id?: unknown }).id;
        if (!ev.success) {
          add(`event ${String(id)}: malformed line in ${F.eventsJsonl}`);
          continue;
        }
        const proof = proofs.get(ev.data.id);
        const entry = proof ? entries.get(proof.ledgerSeq as number) : undefined;
        const path = proof ? hexPath(proof.path) : null;
        const recorded = entry?.details as { eventsRoot?: string; eventCount?: number } | null | undefined;
        const importRoot = hex(recorded?.eventsRoot);
        const leaf = eventLeaf(contentOfExported(ev.data));
        if (!proof) add(`event ${ev.data.id}: no inclusion proof`);
        else if (!entry || entry.action !== 'import.finish' || !importRoot) add(`event ${ev.data.id}: the custody entry it is proven against (${String(proof.ledgerSeq)}) is not a proven import record`);
        else if (recorded?.eventCount !== proof.size || !path || !verifyInclusion(leaf, proof.index as number, proof.size as number, path, importRoot)) {
          add(`event ${ev.data.id}: its content does not match what was imported, or its proof was altered`);
        } else result.checked.eventProofs++;
      }
    }
  } catch (err) {
    add(`${F.eventsJsonl} or ${F.eventProofs} is malformed: ${(err as Error).message}`);
  }

  // 7. Earlier tree heads are prefixes of this one.
  try {
    const c = JSON.parse(files.get(F.consistency)?.toString('utf8') ?? '{"from":[]}') as { from: { head: unknown; proof: unknown }[] };
    for (const item of c.from) {
      const h = signedTreeHeadSchema.safeParse(item.head);
      const proof = hexPath(item.proof);
      if (!h.success || !proof) {
        add(`${F.consistency}: a malformed earlier tree head or proof`);
        continue;
      }
      const sig = treeHeadSignatureProblem(h.data);
      if (sig) add(`earlier tree head of size ${h.data.size}: ${sig}`);
      else if (!verifyConsistency(h.data.size, head.size, Buffer.from(h.data.rootHash, 'hex'), root, proof)) {
        add(`earlier tree head of size ${h.data.size} (${h.data.timestamp}) is not consistent with this one: the ledger was rewritten in between`);
      } else result.checked.earlierHeads++;
    }
  } catch (err) {
    add(`${F.consistency} is malformed: ${(err as Error).message}`);
  }

  // 8. Trust.
  if (result.signer.trust === 'known') add(`signer ${head.signer} (${head.keyid}) is known but not trusted in your trust store: sealdesk trust add their key (without --known) to trust it`);
  if (result.signer.trust === 'unknown') add(`signer ${head.signer} (${head.keyid}) is not in your trust store: check the fingerprint with them, then sealdesk trust add their key`);
  return finish(result);
}

function finish(r: BundleCheck): BundleCheck {
  r.ok = r.problems.length === 0;
  return r;
}
