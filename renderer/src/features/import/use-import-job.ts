import { useCallback, useMemo, useState } from 'react';
import type { MethodInput } from '../../../../shared/api';
import type { JobFinishedEvent, JobProgressEvent } from '../../../../shared/events';
import { importReceiptSchema, type ImportReceipt } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { errorText } from '../../lib/errors';
import { useJob } from '../../lib/use-job';

/** What one input file is doing, as far as the throttled progress events tell. */
export interface FileStatus {
  name: string;
  state: 'receiving' | 'parsing' | 'done';
}

export type ImportJob =
  | { state: 'idle' }
  | { state: 'starting' }
  | { state: 'running'; jobId: string; importId?: number; progress: JobProgressEvent | null; files: FileStatus[]; cancelling: boolean; cancelError?: string }
  | { state: 'finished'; status: JobFinishedEvent['status']; receipt: ImportReceipt | null; error: string | null; importId?: number; rolledBack?: number };

function receiptOf(result: unknown): ImportReceipt | null {
  const parsed = importReceiptSchema.safeParse(result);
  return parsed.success ? parsed.data : null;
}

/**
 * Phases read "receiving <file>" then "parsing <file>", one file after another: a file is
 * done once another one starts (or the whole import is).
 */
export function nextFiles(files: FileStatus[], phase: string): FileStatus[] {
  const m = /^(receiving|parsing) (.+)$/.exec(phase);
  if (!m) return phase === 'done' ? files.map((f) => ({ ...f, state: 'done' })) : files;
  const state = m[1] as 'receiving' | 'parsing';
  const name = m[2]!;
  const out = files.map((f) => (f.name === name || f.state === 'done' ? f : { ...f, state: 'done' as const }));
  const i = out.findIndex((f) => f.name === name);
  if (i >= 0) out[i] = { name, state };
  else out.push({ name, state });
  return out;
}

/** One import job at a time: start, follow its progress per file, cancel, keep its receipt, roll it back. */
export function useImportJob(onRolledBack: () => void = () => {}) {
  const client = useClient();
  const [files, setFiles] = useState<FileStatus[]>([]);
  const [importId, setImportId] = useState<number | undefined>(undefined);
  const [rolledBack, setRolledBack] = useState<number | undefined>(undefined);
  const [rollbackError, setRollbackError] = useState<string | null>(null);
  const { job: base, start: startJob, cancel } = useJob('import', {
    onProgress: (event) => setFiles((f) => nextFiles(f, event.phase)),
    failedWithoutReason: (result) => (receiptOf(result) ? null : 'The import failed without a receipt.'),
  });

  const start = useCallback(
    async (input: MethodInput<'import.start'>) => {
      setFiles([]);
      setImportId(undefined);
      setRolledBack(undefined);
      setRollbackError(null);
      await startJob(async () => {
        const started = await client.call('import.start', input);
        setImportId(started.importId);
        return started;
      });
    },
    [client, startJob],
  );

  /** Removes what a cancelled or failed import stored (the evidence copies and ledger stay). */
  const rollback = useCallback(async () => {
    if (importId === undefined) return;
    try {
      const r = await client.call('import.rollback', { importId });
      setRolledBack(r.eventsRemoved);
      onRolledBack();
    } catch (err) {
      setRollbackError(errorText(err));
    }
  }, [client, importId, onRolledBack]);

  const job = useMemo((): ImportJob => {
    if (base.state === 'running') return { ...base, importId, files };
    if (base.state !== 'finished') return base;
    return { state: 'finished', status: base.status, receipt: receiptOf(base.result), error: rollbackError ?? base.error, importId, rolledBack };
  }, [base, files, importId, rolledBack, rollbackError]);

  return { job, start, cancel, rollback };
}
