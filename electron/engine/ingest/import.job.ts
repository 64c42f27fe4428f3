import { statSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { FormatId, ImportReceipt } from '../../../shared/model';
import { importsRepo } from '../db/repos/imports';
import { intakeRepo } from '../db/repos/intake';
import { ledgerRepo } from '../db/repos/ledger';
import type { JobContext } from '../jobs/types';
import { abortError } from './intake/errors';
import { walkInputs, type IntakeItem, type IntakeLimits } from './intake/walk';
import { parseStoredFile, type FileOutcome } from './parse-stored-file';
import { inventoryWriter, memberPlace, topLevelPlace, type Place } from './inventory/write-inventory';
import { compareAfterImport, MANIFEST_NOTE_LOCATION } from '../detect/manifest/index';
import { assignMissing, MAX_ATOMS, templateAssigner } from '../detect/templates/case-templates';
import { writeTransaction } from '../db/open';
import { ParseThread } from './parse-thread';
import { RootBuilder } from '../ledger/merkle-stream';

export interface ImportJobInput {
  importId: number;
  paths: string[];
  format?: FormatId;
  timezone?: string;
  limits?: Partial<IntakeLimits>;
  /** Who the custody ledger names for this import's entries. */
  actor: string;
  /** Files of at least this size are parsed on a second thread (default PARSE_THREAD_MIN_BYTES). */
  parseThreadMinBytes?: number;
}

/**
 * Below this a file is parsed on the import's own thread: starting the parse worker costs
 * more than it saves on small files.
 */
export const PARSE_THREAD_MIN_BYTES = 4 << 20;

/**
 * Intake and parse every input of one import. Evidence is hashed and stored before it is
 * parsed; events are written in batches of about a thousand per transaction so a killed
 * import leaves whole batches behind and an `imports` row that says it did not finish.
 */
export async function importJob(input: ImportJobInput, ctx: JobContext): Promise<ImportReceipt> {
  const { db, signal } = ctx;
  const imports = importsRepo(db);
  const intake = intakeRepo(db);
  const ledger = ledgerRepo(db);
  const importId = input.importId;
  const actor = input.actor;
  // Every file received or refused is a custody entry, written with its intake record.
  const refuse = writeTransaction(db, (path: string, reason: string) => {
    intake.addRefusal(importId, path, reason);
    ledger.append({ actor, action: 'evidence.refuse', subject: path, details: { importId, reason } });
  });
  // It reads (is this evidence known?) before it writes, as most write transactions do: see
  // writeTransaction for why it takes the write lock at the start.
  const receive = writeTransaction(db, (item: IntakeItem, parentId: number | null): { evidenceId: number; intakeId: number } => {
    const evidenceId = intake.ensureEvidence(item.sha256, item.size);
    const intakeId = intake.addIntake(importId, evidenceId, item.displayPath, parentId);
    ledger.append({
      actor,
      action: 'evidence.receive',
      subject: item.sha256,
      details: { importId, intakeId, path: item.displayPath, size: item.size, container: item.container, parentIntakeId: parentId },
    });
    return { evidenceId, intakeId };
  });
  let hashed = 0;
  let hashTotal = 0;
  let parsedBase = 0;
  let parseTotal = 0;
  let events = 0;
  let phase = 'receiving';
  const progress = (parsedInFile = 0): void =>
    ctx.emit({ done: hashed + parsedBase + parsedInFile, total: hashTotal + parseTotal, phase, events });

  const receiptOptions = { timezone: input.timezone ?? 'UTC', forced: input.format ?? null };
  // Every event written gets its log template; the miner is rebuilt from the case's shapes.
  const templates = templateAssigner(db);
  // Every event this import adds, in id order: its events root, recorded when it completes.
  const written = new RootBuilder();
  const writeInventory = inventoryWriter(db, importId, receiptOptions, templates, written);
  const parseThread = new ParseThread(input.parseThreadMinBytes ?? PARSE_THREAD_MIN_BYTES);
  // --format inventory: each file received becomes one event from its metadata; contents are not parsed.
  const inventoryItem = async (item: IntakeItem, parentId: number | null, place: Place): Promise<void> => {
    const ids = receive(item, parentId);
    if (place.relative !== null) {
      events += writeInventory(item, ids, { root: place.root, relative: place.relative });
      progress();
    }
    if (item.refused) {
      refuse(item.displayPath, item.refused);
      return;
    }
    for (const child of item.children) {
      if (signal.aborted) throw abortError();
      await inventoryItem(child, ids.intakeId, memberPlace(place, item, child));
    }
  };

  const handleItem = async (item: IntakeItem, parentId: number | null): Promise<void> => {
    if (input.format === 'inventory') return inventoryItem(item, parentId, topLevelPlace(item));
    const { evidenceId, intakeId } = receive(item, parentId);
    if (item.refused) {
      refuse(item.displayPath, item.refused);
      return;
    }
    if (item.container) {
      for (const child of item.children) await handleItem(child, intakeId);
      return;
    }
    if (signal.aborted) throw abortError();
    phase = `parsing ${item.displayPath}`;
    parseTotal += item.size;
    const untemplated = templates.unassigned();
    const outcome: FileOutcome = await parseStoredFile(item, {
      db,
      importId,
      intakeId,
      evidenceId,
      format: input.format,
      timezone: input.timezone ?? 'UTC',
      signal,
      templates,
      written,
      parseThread,
      onProgress: (bytes, n) => {
        events += n;
        progress(bytes);
      },
    });
    parsedBase += item.size;
    const lost = templates.unassigned() - untemplated;
    if (lost > 0) {
      intake.addIssue(importId, intakeId, 'log templates', `${lost} events have no log template: the case already holds ${MAX_ATOMS} distinct message shapes`);
    }
    intake.addReceipt({ importId, intakeId, evidenceId, options: receiptOptions, ...outcome });
    progress();
  };

  // Checkpoints (and their fsyncs) every 4 MiB of WAL dominated bulk imports; let the WAL
  // grow to 64 MiB while importing and checkpoint once at the end. Measured on 300k lines:
  // 10.4 s -> 7.0 s. Durability is unchanged: committed batches are in the WAL either way.
  db.pragma('wal_autocheckpoint = 16384');
  // The import writes, and reads its events back once (for their Merkle root): memory-mapping
  // the growing file would only add the whole case to this process's resident memory.
  db.pragma('mmap_size = 0');
  try {
    // Events written before templates existed (an older case) are grouped first, in order.
    phase = 'grouping earlier events';
    assignMissing(db, templates, signal, () => progress());
    for (const p of input.paths) {
      try {
        hashTotal += statSync(p).size;
      } catch {
        // unreadable inputs are reported by the walker as refusals
      }
    }
    // Inventories are not parsed; anything else this big likely is (a folder counts as small).
    if (input.format !== 'inventory' && parseThread.wants(hashTotal)) parseThread.warm();
    for await (const item of walkInputs(input.paths, {
      caseDir: ctx.caseDir,
      // A folder is only ever read as a repository when the user says so (--format git).
      folders: input.format === 'git' ? 'git-bundle' : 'walk',
      limits: input.limits,
      signal,
      onProgress: (done, total, current) => {
        hashed = done;
        hashTotal = Math.max(hashTotal, total);
        phase = `receiving ${current}`;
        progress();
      },
      onRefused: (path, reason) => refuse(path, reason),
    })) {
      await handleItem(item, null);
    }
    phase = 'grouping templates';
    progress();
    templates.finish();
    phase = 'comparing manifests';
    progress();
    // Manifests against inventories: the findings count goes into the receipt as a note.
    for (const n of compareAfterImport(db, importId, actor).notes) intake.addIssue(importId, n.intakeId, MANIFEST_NOTE_LOCATION, n.text);
  } catch (err) {
    // The events that were written keep their templates: write them, settle their groups.
    // Should that fail too, the error to report is the first one; the next import links them.
    try {
      templates.finish();
    } catch {
      // reported through err below
    }
    if ((err as Error).name === 'AbortError' || signal.aborted) {
      imports.finish(importId, 'cancelled', actor, 'Cancelled by the user.');
      throw abortError();
    }
    imports.finish(importId, 'failed', actor, (err as Error).message);
    if (err instanceof AppError) throw err;
    throw new AppError('io', `The import failed: ${(err as Error).message}`);
  } finally {
    parseThread.stop();
    db.pragma('wal_autocheckpoint = 1000');
  }
  imports.finish(importId, 'complete', actor, undefined, written);
  db.pragma('wal_checkpoint(PASSIVE)');
  phase = 'done';
  progress();
  return imports.receipt(importId);
}
