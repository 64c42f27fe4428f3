import type { IntakeItem } from '../intake/types';
import type { ParsedEvent } from '../types';

/** Where a file sits in the inventory it belongs to. */
export interface InventoryPlace {
  /** What the user gave: the folder walked, or the archive (or file) given directly. */
  root: string;
  /** The path under the root, `/`-separated; members of an archive inside it as `a.zip!/member`. */
  relative: string;
}

export const octalMode = (mode: number | null): string | null => (mode === null ? null : mode.toString(8).padStart(4, '0'));

function iso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * One file of an inventory as an event. Its origin is the file's own evidence (offset 0,
 * length = size); `record` is the intake record, so two files with the same content at
 * different paths are two events, and each receipt of a file at a path is its own observation.
 */
export function inventoryEvent(item: IntakeItem, place: InventoryPlace, intakeId: number): ParsedEvent {
  const m = item.meta;
  const mtimeMs = m.mtimeMs !== undefined ? m.mtimeMs : item.mtimeMs;
  const mtime = iso(mtimeMs);
  const mode = octalMode(m.mode);
  const who = `${m.owner ?? m.uid ?? '?'}:${m.group ?? m.gid ?? '?'}`;
  return {
    ts: mtime === null ? null : Math.round(mtimeMs! * 1000),
    ts_desc: mtime === null ? null : `modified (${m.source})`,
    user: m.owner,
    action: 'file',
    resource: item.displayPath,
    message: `${mode ?? '????'} ${who} ${item.size} ${mtime ?? '(mtime not recorded)'} ${place.relative}`,
    attrs: {
      path: item.displayPath,
      relative: place.relative,
      root: place.root,
      size: item.size,
      mode,
      uid: m.uid,
      gid: m.gid,
      owner: m.owner,
      group: m.group,
      mtime,
      ctime: iso(m.ctimeMs),
      sha256: item.sha256,
      recorded_by: m.source,
      intake: intakeId,
    },
    offset: 0,
    length: item.size,
    record: intakeId,
  };
}
