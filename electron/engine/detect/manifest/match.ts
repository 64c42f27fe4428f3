import type { InventoryFile, ManifestEntry } from './manifest-queries';

/** What one manifest says against one inventory snapshot. */
export interface SnapshotComparison {
  /** Registered path present with another SHA-256. */
  changed: { entry: ManifestEntry; files: InventoryFile[] }[];
  /** Registered but not present at its path; `presentAs` lists files with the registered content elsewhere. */
  missing: { entry: ManifestEntry; presentAs: InventoryFile[] }[];
  /** Present in the inventory, within the manifest's folder, but not registered. */
  unexpected: InventoryFile[];
  matched: number;
}

/**
 * Manifest paths as `/`-separated relative paths: `./a/b`, `a\\b`, `/a/b` all give `a/b`.
 * A backslash separates only in Windows-style paths (no `/` at all): elsewhere it is part of a name.
 */
export function normalizeManifestPath(p: string): string {
  return (p.includes('/') ? p : p.replace(/\\/g, '/'))
    .replace(/\/{2,}/g, '/')
    .replace(/^(?:\.\/)+/, '')
    .replace(/^\/+/, '');
}

/** A file's full path with archive boundaries (`!/`) read as folders, for suffix matching. */
function fullPath(f: InventoryFile): string {
  // Display paths use the platform's separator; on POSIX a backslash is part of a name.
  return (process.platform === 'win32' ? f.path.replace(/\\/g, '/') : f.path).split('!/').join('/');
}

/**
 * Compare a manifest with one inventory snapshot. An entry matches a file when the file's
 * path ends with the entry's path at a folder boundary (so a manifest made inside the folder,
 * `a.csv`, or from its parent, `data/a.csv`, both match `/x/data/a.csv`). An entry with only
 * a name is looked for by content first. Returns null when the manifest does not concern
 * this snapshot at all (no path and no content in common): no finding is made from an
 * unrelated folder.
 */
export function compareSnapshot(entries: ManifestEntry[], files: InventoryFile[], manifestSha: string | null): SnapshotComparison | null {
  const byFull = files.map((f) => ({ f, full: fullPath(f) }));
  const bySha = new Map<string, InventoryFile[]>();
  const lower = (f: InventoryFile): string => f.sha256.toLowerCase();
  for (const f of files) bySha.set(lower(f), [...(bySha.get(lower(f)) ?? []), f]);
  const accounted = new Set<number>();
  const bases = new Set<string>();
  const out: SnapshotComparison = { changed: [], missing: [], unexpected: [], matched: 0 };
  let related = false;

  const atPath = (p: string): InventoryFile[] => {
    const suffix = `/${p}`;
    const hits: InventoryFile[] = [];
    for (const { f, full } of byFull) {
      if (full === p || full.endsWith(suffix)) {
        hits.push(f);
        bases.add(full.slice(0, full.length - suffix.length));
      }
    }
    return hits;
  };

  for (const entry of entries) {
    const sha = entry.sha256.toLowerCase();
    const sameContent = bySha.get(sha) ?? [];
    if (entry.path === null) {
      // A registry entry by dataset name: the content is what identifies it.
      if (sameContent.length) {
        related = true;
        out.matched++;
        for (const f of sameContent) accounted.add(f.eventId);
        continue;
      }
    }
    const p = normalizeManifestPath(entry.path ?? entry.name ?? '');
    const hits = p === '' ? [] : atPath(p);
    if (hits.length) {
      related = true;
      for (const f of hits) accounted.add(f.eventId);
      if (hits.some((f) => lower(f) === sha)) out.matched++;
      else out.changed.push({ entry, files: hits });
      continue;
    }
    if (sameContent.length) {
      related = true;
      for (const f of sameContent) accounted.add(f.eventId);
    }
    out.missing.push({ entry, presentAs: sameContent });
  }
  if (!related) return null;
  for (const { f, full } of byFull) {
    if (accounted.has(f.eventId)) continue;
    // Members of an archive found in the folder are listed, but a folder's manifest cannot name them.
    if (f.relative.includes('!/')) continue;
    // The manifest itself often sits in the folder it describes.
    if (manifestSha !== null && lower(f) === manifestSha.toLowerCase()) continue;
    if (bases.size && ![...bases].some((b) => full.startsWith(`${b}/`))) continue;
    out.unexpected.push(f);
  }
  return out;
}

/** A file received by the case (any format), as its intake record names it. */
export interface ReceivedFile {
  intakeId: number;
  evidenceId: number;
  path: string;
  sha256: string;
}

/**
 * Registered paths that the case received with other content. A registered path received
 * at least once with the registered content is not reported (the other copy may be an older
 * version received on purpose; an inventory tells them apart).
 */
export function compareReceived(entries: ManifestEntry[], received: ReceivedFile[], manifestSha: string | null): { entry: ManifestEntry; files: ReceivedFile[] }[] {
  const out: { entry: ManifestEntry; files: ReceivedFile[] }[] = [];
  const full = received.filter((r) => r.sha256 !== manifestSha).map((r) => ({ r, full: (process.platform === 'win32' ? r.path.replace(/\\/g, '/') : r.path).split('!/').join('/') }));
  for (const entry of entries) {
    if (entry.path === null) continue;
    const p = normalizeManifestPath(entry.path);
    if (p === '') continue;
    const hits = full.filter((x) => x.full === p || x.full.endsWith(`/${p}`)).map((x) => x.r);
    if (hits.length && !hits.some((h) => h.sha256 === entry.sha256.toLowerCase())) out.push({ entry, files: hits });
  }
  return out;
}
