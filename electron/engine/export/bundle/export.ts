import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/errors';
import { writeTransaction, type Db } from '../../db/open';
import { ledgerRepo, type LedgerRow } from '../../db/repos/ledger';
import { annotationsRepo } from '../../db/repos/annotations';
import { formatFingerprint } from '../../identity/fingerprint';
import type { IdentitySigner } from '../../identity/identity';
import { buildTree, treeInclusionProof, type MerkleTree } from '../../ledger/merkle';
import { consistencyFrom, issueTreeHead, type SignedTreeHead } from '../../ledger/tree-head';
import { matchingIds } from '../../search/all-ids';
import { createMasker, type Masker, type MaskPolicyInput } from '../mask';
import { renderReport } from '../report';
import type { ReportEvent, ReportInput } from '../report/types';
import { buildStatement, EVIDENCE_BUNDLE_PREDICATE_TYPE, signEnvelope, type EvidenceBundlePredicate } from '../statement';
import { csvLine, CSV_HEADER, exportedEvent, readSelected, type ExportedEvent } from './event-rows';
import { BUNDLE_FILES as F, contentDigest } from './layout';
import { HashedFile, Staging, writeHashed } from './staging';
import { counter, findingsFor, histogramOf, maskSummary, relevantEntries, summarize, timeRange } from './report-input';
import { verifyGuide } from './verify-guide';

export interface ExportOptions {
  out: string;
  query?: string;
  starredOnly?: boolean;
  /** Masking policy; undefined = no masking. `{}` masks every detector with redaction. */
  mask?: MaskPolicyInput;
  /** Events listed in the PDF table (all are in the data files). */
  tableLimit?: number;
  /** Replace an existing file at `out`. */
  overwrite?: boolean;
}

export interface ExportContext {
  db: Db;
  caseId: string;
  caseName: string;
  actor: string;
  signer: IdentitySigner;
  tool: { name: string; version: string };
  progress?: (done: number, total: number, phase: string) => void;
  signal?: AbortSignal;
}

export interface ExportResult {
  out: string;
  events: number;
  files: { name: string; sha256: string }[];
  treeHead: { size: number; rootHash: string; timestamp: string };
  contentDigest: string;
  statementSha256: string;
  masked: boolean;
}

/** The resolved bundle path, refused when it is not a .zip, its folder is missing, or it exists (unless overwriting). */
export function checkOut(opts: Pick<ExportOptions, 'out' | 'overwrite'>): string {
  const out = path.resolve(opts.out);
  if (!out.toLowerCase().endsWith('.zip')) throw new AppError('invalid_input', `The bundle name must end in .zip (for example report.sdx.zip), not ${path.basename(out)}.`);
  const dir = path.dirname(out);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AppError('not_found', `The folder ${dir} does not exist.`);
  if (existsSync(out) && !opts.overwrite) throw new AppError('conflict', `${out} already exists; choose another name or allow replacing it.`);
  return out;
}

/** The query that selects the events: the user's query, narrowed to starred events if asked. */
export function selectionQuery(query: string | undefined, starredOnly: boolean): string {
  const q = (query ?? '').trim();
  if (!starredOnly) return q;
  return q ? `(${q}) AND is:starred` : 'is:starred';
}

/** Per import: its events' Merkle tree and where each event is in it. Checked against the ledger's record. */
class ImportTrees {
  private readonly trees = new Map<number, { tree: MerkleTree; ids: Float64Array; finishSeq: number }>();

  constructor(
    private readonly db: Db,
    private readonly finishes: Map<number, LedgerRow>,
  ) {}

  get(importId: number) {
    let t = this.trees.get(importId);
    if (t) return t;
    const finish = this.finishes.get(importId);
    if (!finish) throw new AppError('conflict', `Import #${importId} has not finished; wait for it (or roll it back) before exporting its events.`);
    // Ids from the index alone, leaves streamed: a million-event import is read in about 2 s.
    const ids = Float64Array.from(this.db.prepare('SELECT id FROM events WHERE import_id = ? ORDER BY id').pluck().all(importId) as number[]);
    const leaves: Buffer[] = [];
    for (const leaf of this.db.prepare('SELECT leaf FROM events WHERE import_id = ? ORDER BY id').pluck().iterate(importId) as Iterable<Buffer | null>) {
      leaves.push(leaf ?? Buffer.alloc(32));
    }
    const tree = buildTree(leaves);
    const recorded = JSON.parse(finish.details) as { eventsRoot?: string; eventCount?: number };
    if (recorded.eventsRoot !== tree.root.toString('hex') || recorded.eventCount !== leaves.length) {
      throw new AppError('conflict', `The events of import #${importId} no longer match what custody entry ${finish.seq} recorded. Run sealdesk verify on the case before exporting.`, { reason: 'case_not_intact' });
    }
    t = { tree, ids, finishSeq: finish.seq };
    this.trees.set(importId, t);
    return t;
  }

  /** The leaf index of an event in its import's tree (ids are sorted: binary search). */
  static indexOf(ids: Float64Array, id: number): number {
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error(`event ${id} is not in its import's tree`);
  }
}

/**
 * Export a sealed evidence bundle: select the events, record the export in the custody ledger,
 * sign a new tree head, write the data files, proofs, report and signed statement into a staging
 * folder, and zip them into place under the final name only when everything is written.
 */
export async function exportBundle(opts: ExportOptions, ctx: ExportContext): Promise<ExportResult> {
  const out = checkOut(opts);
  const { db } = ctx;
  const progress = ctx.progress ?? (() => undefined);
  const starredOnly = opts.starredOnly ?? false;
  const query = selectionQuery(opts.query, starredOnly);
  progress(0, 0, 'selecting events');
  const ids = matchingIds(db, { query });
  const masker: Masker | null = opts.mask !== undefined ? createMasker(opts.mask) : null;
  const ledger = ledgerRepo(db);

  // The export is recorded, then the ledger (with that record) is signed.
  const { head, tree } = writeTransaction(db, () => {
    ledger.append({
      actor: ctx.actor,
      action: 'export',
      subject: path.basename(out),
      details: { query: opts.query ?? null, starredOnly, events: ids.length, masked: masker !== null, ...(masker ? { masking: masker.describe() } : {}) },
    });
    return issueTreeHead(db, ctx.caseId, ctx.signer);
  })();
  const allHeads = db.prepare('SELECT size, root_hash AS rootHash, at AS timestamp, signer, keyid, public_key AS publicKey, signature FROM tree_heads ORDER BY id').all() as Omit<SignedTreeHead, 'caseId'>[];

  const entries = ledger.all();
  const finishes = new Map<number, LedgerRow>();
  for (const e of entries.slice(0, head.size)) if (e.action === 'import.finish') finishes.set(Number(e.subject), e);
  const trees = new ImportTrees(db, finishes);

  const staging = new Staging(out);
  try {
    const files = new Map<string, string>();
    const signal = ctx.signal;
    const checkCancel = () => {
      if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled; no bundle was written.');
    };

    // Masking learns every masked field value first, so a value is masked in text even
    // where it appears before the event that names it in a field.
    if (masker) {
      let n = 0;
      for (const s of readSelected(db, ids)) {
        masker.learn(s.event);
        if (++n % 5000 === 0) progress(n, ids.length * 2, 'learning values to mask');
      }
    }

    const jsonl = new HashedFile(staging.path(F.eventsJsonl));
    const csv = new HashedFile(staging.path(F.eventsCsv));
    const proofs = masker ? null : new HashedFile(staging.path(F.eventProofs));
    await csv.write(CSV_HEADER);
    const stats = { source: counter(), host: counter(), user: counter(), action: counter() };
    const seen = { evidence: new Set<string>(), imports: new Set<number>(), events: new Set<number>() };
    const times: number[] = [];
    const tableLimit = opts.tableLimit ?? 5000;
    const table: ReportEvent[] = [];
    let done = 0;
    for (const s of readSelected(db, ids)) {
      const e = masker ? masker.maskEvent(s.event) : s.event;
      const notes = s.notes.map((n) => ({ ...n, text: masker ? masker.maskText(n.text) : n.text }));
      const row: ExportedEvent = exportedEvent(s, e, notes);
      await jsonl.write(JSON.stringify(row) + '\n');
      await csv.write(csvLine(row));
      if (proofs) {
        const t = trees.get(s.row.import_id);
        const index = ImportTrees.indexOf(t.ids, s.row.id);
        const pathHex = treeInclusionProof(t.tree, index).map((b) => b.toString('hex'));
        await proofs.write(JSON.stringify({ id: s.row.id, import: s.row.import_id, ledgerSeq: t.finishSeq, index, size: t.tree.size, leaf: t.tree.leaves[index]!.toString('hex'), path: pathHex }) + '\n');
      } else {
        trees.get(s.row.import_id);
      }
      stats.source.add(row.source.file ? path.basename(row.source.file) : null);
      stats.host.add(row.host);
      stats.user.add(row.user);
      stats.action.add(row.action);
      seen.evidence.add(s.row.sha256 ?? '');
      seen.imports.add(s.row.import_id);
      seen.events.add(s.row.id);
      if (s.row.ts !== null) times.push(s.row.ts);
      if (table.length < tableLimit) {
        table.push({ id: row.id, ts: row.ts, source: path.basename(row.source.file), host: row.host, user: row.user, action: row.action, severity: row.severity, message: row.message, tags: row.tags, starred: row.starred, note: notes.at(-1)?.text ?? null });
      }
      if (++done % 2000 === 0) {
        checkCancel();
        progress(done + (masker ? ids.length : 0), ids.length * (masker ? 2 : 1), 'writing events');
      }
    }
    files.set(F.eventsJsonl, await jsonl.close());
    files.set(F.eventsCsv, await csv.close());
    if (proofs) files.set(F.eventProofs, await proofs.close());

    progress(done, ids.length, 'writing proofs and manifest');
    const mask = (s: string) => (masker ? masker.maskText(s) : s);
    const evidence = db
      .prepare(
        `SELECT v.sha256, v.size, v.received_at AS receivedAt,
           (SELECT json_group_array(DISTINCT i.path) FROM intake i WHERE i.evidence_id = v.id) AS names
         FROM evidence v ORDER BY v.id`,
      )
      .all() as { sha256: string; size: number; receivedAt: string; names: string }[];
    const manifest = {
      caseId: ctx.caseId,
      files: evidence.map((v) => ({ sha256: v.sha256, size: v.size, receivedAt: v.receivedAt, names: (JSON.parse(v.names) as string[]).map(mask), inExport: seen.evidence.has(v.sha256) })),
    };
    files.set(F.manifest, await writeHashed(staging.path(F.manifest), JSON.stringify(manifest, null, 2) + '\n'));

    // Ledger entries go out as recorded; one that would reveal a masked value goes out as its leaf hash only.
    const custody = relevantEntries(entries, head.size, seen);
    const ledgerLines: string[] = [];
    const ledgerProofLines: string[] = [];
    for (const e of custody) {
      const text = JSON.stringify([e.seq, e.at, e.actor, e.action, e.subject, e.details]);
      const withheld = masker !== null && mask(text) !== text;
      ledgerLines.push(JSON.stringify(withheld ? { seq: e.seq, withheld: true, leafHash: e.leaf_hash, action: e.action } : { seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, details: e.details }));
      ledgerProofLines.push(JSON.stringify({ seq: e.seq, index: e.seq - 1, size: head.size, path: treeInclusionProof(tree, e.seq - 1).map((b) => b.toString('hex')) }));
    }
    files.set(F.ledger, await writeHashed(staging.path(F.ledger), ledgerLines.map((l) => l + '\n').join('')));
    files.set(F.ledgerProofs, await writeHashed(staging.path(F.ledgerProofs), ledgerProofLines.map((l) => l + '\n').join('')));
    files.set(F.treeHead, await writeHashed(staging.path(F.treeHead), JSON.stringify(head, null, 2) + '\n'));
    const consistency = allHeads
      .filter((h) => h.size <= head.size && !(h.size === head.size && h.rootHash === head.rootHash && h.timestamp === head.timestamp))
      .map((h) => ({ head: { caseId: ctx.caseId, ...h }, proof: consistencyFrom(tree, h.size) }));
    files.set(F.consistency, await writeHashed(staging.path(F.consistency), JSON.stringify({ to: { size: head.size, rootHash: head.rootHash }, from: consistency }, null, 2) + '\n'));
    files.set(
      F.verifyGuide,
      await writeHashed(staging.path(F.verifyGuide), verifyGuide({ bundleName: path.basename(out), keyid: ctx.signer.keyid, signer: ctx.signer.name, masked: masker !== null, eventProofs: proofs !== null })),
    );
    checkCancel();

    const digest = contentDigest(files);
    progress(done, ids.length, 'drawing the report');
    const createdAt = new Date().toISOString();
    const notebook = annotationsRepo(db, ctx.actor).notebook();
    const report: ReportInput = {
      title: `Evidence report: ${mask(ctx.caseName)}`,
      caseId: ctx.caseId,
      caseName: mask(ctx.caseName),
      analyst: { name: ctx.signer.name, fingerprint: ctx.signer.fingerprint, fingerprintDisplay: formatFingerprint(ctx.signer.fingerprint) },
      createdAt,
      range: timeRange(times),
      treeHead: { size: head.size, rootHash: head.rootHash, timestamp: head.timestamp },
      contentDigest: digest,
      selection: { query: opts.query ?? null, starredOnly, masked: masker !== null, maskSummary: masker ? maskSummary(masker) : null },
      stats: {
        totalEvents: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
        selectedEvents: ids.length,
        evidenceFiles: evidence.length,
        imports: db.prepare('SELECT count(*) FROM imports').pluck().get() as number,
        bySource: stats.source.top(),
        byHost: stats.host.top(),
        byUser: stats.user.top(),
        byAction: stats.action.top(),
      },
      histogram: histogramOf(times),
      events: table,
      eventTableLimit: tableLimit,
      notebook: notebook.text ? mask(notebook.text) : null,
      findings: findingsFor(db, ids).map((f) => ({ ...f, title: mask(f.title), note: f.note ? mask(f.note) : undefined })),
      custody: custody.map((e) => {
        const text = JSON.stringify([e.seq, e.at, e.actor, e.action, e.subject, e.details]);
        const withheld = masker !== null && mask(text) !== text;
        return withheld
          ? { seq: e.seq, at: e.at, actor: '(withheld: masked)', action: e.action, subject: null, summary: 'content withheld because it contains masked values; its leaf hash is proven' }
          : { seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, summary: summarize(e) };
      }),
      tool: ctx.tool,
    };
    const pdf = await renderReport(report);
    files.set(F.report, await writeHashed(staging.path(F.report), pdf));

    const predicate: EvidenceBundlePredicate = {
      caseId: ctx.caseId,
      caseName: mask(ctx.caseName),
      treeHead: { size: head.size, rootHash: head.rootHash, timestamp: head.timestamp, signature: head.signature },
      ...(opts.query ? { query: opts.query } : {}),
      ...(masker ? { masking: masker.describe() } : {}),
      tool: ctx.tool,
      createdAt,
      analyst: { name: ctx.signer.name, fingerprint: ctx.signer.fingerprint },
      contentDigest: digest,
      selection: { starredOnly, events: ids.length },
      eventProofs: proofs !== null,
    };
    const statement = buildStatement([...files].map(([name, sha256]) => ({ name, sha256 })), EVIDENCE_BUNDLE_PREDICATE_TYPE, predicate);
    const envelope = signEnvelope(statement, ctx.signer);
    const statementSha = await writeHashed(staging.path(F.statement), JSON.stringify(envelope, null, 2) + '\n');
    files.set(F.statement, statementSha);
    checkCancel();

    progress(ids.length, ids.length, 'sealing the bundle');
    const order = [F.report, F.eventsCsv, F.eventsJsonl, F.manifest, F.ledger, F.treeHead, F.ledgerProofs, ...(proofs ? [F.eventProofs] : []), F.consistency, F.verifyGuide, F.statement];
    await staging.seal(order, new Date(createdAt));
    ledger.append({ actor: ctx.actor, action: 'export.finish', subject: path.basename(out), details: { statementSha256: statementSha, contentDigest: digest, events: ids.length, treeHeadSize: head.size } });
    return {
      out,
      events: ids.length,
      files: order.map((name) => ({ name, sha256: files.get(name)! })),
      treeHead: { size: head.size, rootHash: head.rootHash, timestamp: head.timestamp },
      contentDigest: digest,
      statementSha256: statementSha,
      masked: masker !== null,
    };
  } finally {
    staging.cleanup();
  }
}
