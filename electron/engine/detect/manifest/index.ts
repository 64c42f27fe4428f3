import { writeTransaction, type Db } from '../../db/open';
import { findingsRepo, type NewFinding } from '../../db/repos/findings';
import { ledgerRepo } from '../../db/repos/ledger';
import { manifestQueries, type InventoryFile, type ManifestEntry } from './manifest-queries';
import { compareReceived, compareSnapshot } from './match';

export { compareReceived, compareSnapshot, normalizeManifestPath } from './match';

/** Which manifest to compare: every manifest an import brought in, or one evidence file. */
/** Where the comparison's note goes in an import's receipt (the findings count). */
export const MANIFEST_NOTE_LOCATION = 'manifest comparison';

export type ManifestRef = { importId: number } | { evidenceId: number };

/** The outcome of comparing manifests with inventories. */
export interface ManifestComparison {
  runId: number | null;
  changed: number;
  missing: number;
  unexpected: number;
  /** Changed files found among files received without an inventory. */
  received: number;
  /** Inventory snapshots (import and root) the manifests were compared with. */
  snapshots: { importId: number; root: string }[];
  findings: { id: number; isNew: boolean; check: 'changed' | 'missing' | 'unexpected'; path: string; severity: string }[];
}

const REMEDIATION = {
  changed:
    'Do not rely on this file as the registered dataset. Obtain the registered version (the digest above) from its custodian, and find out when and by whom the file changed: compare the inventory event\'s mtime, ctime and owner with the custody records.',
  missing:
    'Find out whether the registered file was used at all: obtain it from its custodian and import it, or record why it is absent. If its content is present under another name, confirm the rename was authorised.',
  unexpected:
    'Find out where the file came from and whether it was used: register it (with its digest) if it belongs to the dataset, or remove it from the dataset and record why.',
};

function snapshotsOf(files: InventoryFile[]): Map<string, InventoryFile[]> {
  const out = new Map<string, InventoryFile[]>();
  for (const f of files) {
    const key = JSON.stringify([f.importId, f.root]);
    out.set(key, [...(out.get(key) ?? []), f]);
  }
  return out;
}

const shown = (e: ManifestEntry): string => e.path ?? e.name ?? '(unnamed entry)';

/**
 * Compare checksum manifests with the case's inventories and store what differs as
 * 'integrity' findings: a registered file with another SHA-256 (changed, high), a registered
 * file that is not there (missing, medium), a file in the inventory the manifest does not
 * register (unexpected, low). Each finding links the manifest entry event and the inventory
 * event(s) that prove it. Re-running adds nothing new (findings are keyed by their events).
 * `inventoryImportId` limits the comparison to one import's inventory.
 */
export function compareManifest(db: Db, ref: ManifestRef, opts: { actor: string; inventoryImportId?: number }): ManifestComparison {
  const q = manifestQueries(db);
  const manifests = 'evidenceId' in ref ? [ref.evidenceId] : q.manifestEvidence(ref.importId);
  const snapshots = snapshotsOf(q.inventory(opts.inventoryImportId));
  const result: ManifestComparison = { runId: null, changed: 0, missing: 0, unexpected: 0, received: 0, snapshots: [], findings: [] };
  const pending: { f: NewFinding; check: 'changed' | 'missing' | 'unexpected'; path: string }[] = [];
  const seenSnapshots = new Set<string>();
  for (const evidenceId of manifests) {
    const source = q.manifestSource(evidenceId);
    const entries = q.entries(evidenceId);
    if (!source || entries.length === 0) continue;
    const manifestName = source.path;
    for (const [key, files] of snapshots) {
      const cmp = compareSnapshot(entries, files, source.sha256);
      if (!cmp) continue;
      const { importId, root } = files[0]!;
      if (!seenSnapshots.has(key)) {
        seenSnapshots.add(key);
        result.snapshots.push({ importId, root });
      }
      const where = `the inventory of ${root} (import #${importId})`;
      const base = { kind: 'integrity' as const, rulePath: null, remediation: '' };
      const range = (fs: InventoryFile[]): { firstTs: number | null; lastTs: number | null } => {
        const ts = fs.map((f) => f.ts).filter((t): t is number => t !== null);
        return { firstTs: ts.length ? Math.min(...ts) : null, lastTs: ts.length ? Math.max(...ts) : null };
      };
      for (const c of cmp.changed) {
        const p = shown(c.entry);
        const found = [...new Set(c.files.map((f) => f.sha256))].join(', ');
        pending.push({
          check: 'changed',
          path: p,
          f: {
            ...base,
            ruleId: 'manifest.changed',
            title: `Changed file: ${p}`,
            severity: 'high',
            explanation: `${manifestName} registers ${p} with SHA-256 ${c.entry.sha256}; in ${where} the file ${c.files.map((f) => f.path).join(', ')} has SHA-256 ${found}. The file is not the registered one.`,
            remediation: REMEDIATION.changed,
            eventIds: [c.entry.eventId, ...c.files.map((f) => f.eventId)],
            ...range(c.files),
            details: { check: 'changed', path: p, registered: c.entry.sha256, found: c.files.map((f) => ({ path: f.path, sha256: f.sha256 })), manifest: manifestName, root, importId },
          },
        });
      }
      for (const m of cmp.missing) {
        const p = shown(m.entry);
        const elsewhere = m.presentAs.length ? ` The registered content is present as ${m.presentAs.map((f) => f.path).join(', ')} (renamed or moved).` : '';
        pending.push({
          check: 'missing',
          path: p,
          f: {
            ...base,
            ruleId: 'manifest.missing',
            title: `Missing file: ${p}`,
            severity: 'medium',
            explanation: `${manifestName} registers ${p} (SHA-256 ${m.entry.sha256}); ${where} has no file at that path.${elsewhere}`,
            remediation: REMEDIATION.missing,
            eventIds: [m.entry.eventId, ...m.presentAs.map((f) => f.eventId)],
            ...range(m.presentAs),
            details: { check: 'missing', path: p, registered: m.entry.sha256, presentAs: m.presentAs.map((f) => f.path), manifest: manifestName, root, importId, group: `${importId}:${root}` },
          },
        });
      }
      for (const f of cmp.unexpected) {
        pending.push({
          check: 'unexpected',
          path: f.relative,
          f: {
            ...base,
            ruleId: 'manifest.unexpected',
            title: `Unexpected file: ${f.relative}`,
            severity: 'low',
            explanation: `${where} contains ${f.path} (SHA-256 ${f.sha256}, ${f.size} bytes), which ${manifestName} does not register.`,
            remediation: REMEDIATION.unexpected,
            eventIds: [f.eventId],
            ...range([f]),
            details: { check: 'unexpected', path: f.path, found: f.sha256, manifest: manifestName, manifestSha256: source.sha256, root, importId, group: source.sha256 },
          },
        });
      }
    }
  }
  // (b) Files received without an inventory (imported as logs, documents...): a registered
  // path received with other content is a changed file too. Only "changed" can be told from
  // these: they are not a complete listing of any folder, so nothing is missing or unexpected.
  const inventoried = new Set([...snapshots.values()].flat().map((f) => f.intakeId));
  const received = q.received().filter((r) => !inventoried.has(r.intakeId));
  for (const evidenceId of manifests) {
    const source = q.manifestSource(evidenceId);
    if (!source) continue;
    for (const c of compareReceived(q.entries(evidenceId), received, source.sha256)) {
      const p = shown(c.entry);
      const events = c.files.map((f) => q.anyEventOf(f.evidenceId)).filter((id): id is number => id !== null);
      result.received++;
      pending.push({
        check: 'changed',
        path: p,
        f: {
          kind: 'integrity',
          ruleId: 'manifest.changed',
          rulePath: null,
          title: `Changed file: ${p}`,
          severity: 'high',
          explanation: `${source.path} registers ${p} with SHA-256 ${c.entry.sha256}; the case received ${c.files.map((f) => `${f.path} with SHA-256 ${f.sha256}`).join(', ')}. The file received is not the registered one.`,
          remediation: REMEDIATION.changed,
          eventIds: [c.entry.eventId, ...events],
          firstTs: null,
          lastTs: null,
          details: { check: 'changed', path: p, registered: c.entry.sha256, found: c.files.map((f) => ({ path: f.path, sha256: f.sha256 })), manifest: source.path, group: `received:${c.files.map((f) => f.intakeId).join(',')}` },
        },
      });
    }
  }
  if (result.snapshots.length === 0 && result.received === 0) return result;
  const repo = findingsRepo(db);
  writeTransaction(db, () => {
    const runId = repo.startRun(opts.actor, manifests.map((id) => `manifest:${q.manifestSource(id)?.sha256 ?? id}`));
    result.runId = runId;
    for (const p of pending) {
      const { id, isNew } = repo.add(runId, p.f);
      result.findings.push({ id, isNew, check: p.check, path: p.path, severity: p.f.severity });
      result[p.check]++;
    }
    repo.finishRun(runId, { rulesLoaded: 0, rulesFailed: 0, eventsScanned: 0, errors: [] });
    ledgerRepo(db).append({
      actor: opts.actor,
      action: 'manifest.compare',
      subject: String(runId),
      details: { manifests, snapshots: result.snapshots, changed: result.changed, missing: result.missing, unexpected: result.unexpected },
    });
  })();
  return result;
}

function summary(r: ManifestComparison): string {
  const n = r.changed + r.missing + r.unexpected;
  const against = [
    ...(r.snapshots.length ? [`the inventory of ${r.snapshots.map((s) => `${s.root} (import #${s.importId})`).join(', ')}`] : []),
    ...(r.received ? ['the files received'] : []),
  ].join(' and ');
  if (n === 0) return `compared with ${against}: no differences (0 integrity findings)`;
  return `compared with ${against}: ${n} integrity finding(s): ${r.changed} changed, ${r.missing} missing, ${r.unexpected} unexpected`;
}

/**
 * After an import: compare the manifests it brought with every inventory of the case, and
 * every manifest of the case with the inventory it made. Returns notes for the receipts
 * (on the manifest's intake record, or on the inventory's first one).
 */
export function compareAfterImport(db: Db, importId: number, actor: string): { notes: { intakeId: number; text: string }[]; results: ManifestComparison[] } {
  const q = manifestQueries(db);
  const notes: { intakeId: number; text: string }[] = [];
  const results: ManifestComparison[] = [];
  const mine = q.manifestEvidence(importId);
  for (const evidenceId of mine) {
    const src = q.manifestSource(evidenceId);
    const r = compareManifest(db, { evidenceId }, { actor });
    results.push(r);
    const intakeId = q.receiptIntake(importId, evidenceId) ?? src?.intakeId;
    if (intakeId === undefined) continue;
    notes.push({ intakeId, text: r.snapshots.length || r.received ? summary(r) : 'no inventory in the case lists these files yet; import one with --format inventory to compare' });
  }
  const inventory = q.inventory(importId);
  if (inventory.length) {
    for (const evidenceId of q.manifestEvidence()) {
      if (mine.includes(evidenceId)) continue;
      const r = compareManifest(db, { evidenceId }, { actor, inventoryImportId: importId });
      if (!r.snapshots.length) continue;
      results.push(r);
      notes.push({ intakeId: inventory[0]!.intakeId, text: `manifest ${q.manifestSource(evidenceId)?.path ?? evidenceId} ${summary(r)}` });
    }
  }
  return { notes, results };
}
