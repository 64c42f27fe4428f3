import path from 'node:path';
import { writeTransaction, type Db } from '../../db/open';
import { eventWriter } from '../../db/repos/events-write';
import type { TemplateAssigner } from '../../detect/templates/case-templates';
import type { RootBuilder } from '../../ledger/merkle-stream';
import { intakeRepo } from '../../db/repos/intake';
import type { IntakeItem } from '../intake/types';
import { inventoryEvent } from './inventory-event';

/** Where an item sits in its inventory; `relative` null: a container given directly, listed through its members. */
export interface Place {
  root: string;
  relative: string | null;
}

/**
 * A top-level item's place. A file found in a folder is listed under that folder; an archive
 * given directly stands for its members (like a folder), so it has no entry of its own; any
 * other file given directly is its own root.
 */
export function topLevelPlace(item: IntakeItem): Place {
  if (item.foundIn !== null) return { root: item.foundIn, relative: path.relative(item.foundIn, item.displayPath).split(path.sep).join('/') };
  if (item.container) return { root: item.displayPath, relative: null };
  return { root: item.displayPath, relative: path.basename(item.displayPath) };
}

/**
 * A member's place. Below a container given directly, members are named as in the archive;
 * the single member of a .gz given directly that is itself an archive (x.tar.gz) is looked
 * through the same way. Archives found inside an inventory keep their members under
 * `archive!/member`, as the display paths do.
 */
export function memberPlace(parent: Place, parentItem: IntakeItem, child: IntakeItem): Place {
  const name = child.displayPath.slice(parentItem.displayPath.length + 2);
  if (parent.relative === null) {
    if (parentItem.container === 'gzip' && child.container) return { root: parent.root, relative: null };
    return { root: parent.root, relative: name };
  }
  return { root: parent.root, relative: `${parent.relative}!/${name}` };
}

/** Writes one inventory event and its receipt per file, in one transaction. Returns events added. */
export function inventoryWriter(db: Db, importId: number, options: unknown, templates: TemplateAssigner, written: RootBuilder) {
  const writer = eventWriter(db, templates, written);
  const intake = intakeRepo(db);
  return writeTransaction(db, (item: IntakeItem, ids: { intakeId: number; evidenceId: number }, place: Place & { relative: string }): number => {
    const started = performance.now();
    const origin = { importId, intakeId: ids.intakeId, evidenceId: ids.evidenceId, sha256: item.sha256, format: 'inventory' };
    const added = writer.insert(origin, inventoryEvent(item, place, ids.intakeId)) ? 1 : 0;
    intake.addReceipt({
      importId,
      intakeId: ids.intakeId,
      evidenceId: ids.evidenceId,
      options,
      format: 'inventory',
      events: added,
      skipped: 0,
      truncated: 0,
      duplicate: false,
      durationMs: performance.now() - started,
      reasons: {},
    });
    return added;
  });
}
