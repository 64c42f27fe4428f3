import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput } from '../../../../shared/api';
import type { JobFinishedEvent, JobProgressEvent } from '../../../../shared/events';
import { importReceiptSchema, type ImportReceipt } from '../../../../shared/model';
import { useAppEvents, useClient } from '../../api/ClientContext';
import { errorText } from '../../lib/errors';

/** What one input file is doing, as far as the throttled progress events tell. */
export interface FileStatus {
  name: string;
  state: 'receiving' | 'parsing' | 'done';
}

export type ImportJob =
  | { state: 'idle' }
  | { state: 'starting' }
  | { state: 'running'; jobId: string; importId: number; progress: JobProgressEvent | null; files: FileStatus[]; cancelling: boolean; cancelError?: string }
  | { state: 'finished'; status: JobFinishedEvent['status']; receipt: ImportReceipt | null; error: string | null; importId?: number; rolledBack?: number };

const RECHECK_MS = 2000;

type Finish = Pick<JobFinishedEvent, 'status' | 'result' | 'error'>;

function finished({ status, result, error }: Finish, importId?: number): ImportJob {
  const parsed = importReceiptSchema.safeParse(result);
  const receipt = parsed.success ? parsed.data : null;
  // A cancelled import ends without a result; that is not an error to show.
  const message = status === 'cancelled' ? null : (error?.message ?? (status === 'failed' && !receipt ? 'The import failed without a receipt.' : null));
  return { state: 'finished', status, receipt, error: message, importId };
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

/** One import job at a time: start, follow its progress events, cancel, keep its receipt. */
export function useImportJob(onRolledBack: () => void = () => {}) {
  const client = useClient();
  const [job, setJob] = useState<ImportJob>({ state: 'idle' });
  const jobId = useRef<string | null>(null);
  // Events can arrive before import.start has answered with the job id; keep them until then.
  const early = useRef<Array<JobProgressEvent | JobFinishedEvent>>([]);
  const starting = useRef(false);
  const importRef = useRef<number | undefined>(undefined);

  const apply = useCallback((event: JobProgressEvent | JobFinishedEvent) => {
    if (event.type === 'job.finished') {
      jobId.current = null;
      setJob(finished(event, importRef.current));
    } else {
      setJob((j) => (j.state === 'running' ? { ...j, progress: event, files: nextFiles(j.files, event.phase) } : j));
    }
  }, []);

  useAppEvents((event) => {
    if (event.type !== 'job.progress' && event.type !== 'job.finished') return;
    if (event.jobId === jobId.current) apply(event);
    else if (starting.current && event.kind === 'import') early.current.push(event);
  });

  const start = useCallback(
    async (input: MethodInput<'import.start'>) => {
      early.current = [];
      starting.current = true;
      setJob({ state: 'starting' });
      let id: string;
      let importId: number;
      try {
        ({ jobId: id, importId } = await client.call('import.start', input));
      } catch (err) {
        setJob({ state: 'finished', status: 'failed', receipt: null, error: errorText(err) });
        return;
      } finally {
        starting.current = false;
      }
      jobId.current = id;
      importRef.current = importId;
      setJob({ state: 'running', jobId: id, importId, progress: null, files: [], cancelling: false });
      for (const e of early.current.filter((x) => x.jobId === id)) apply(e);
      early.current = [];
      try {
        // A fast job may have ended before the event stream saw it: ask once.
        const state = await client.call('job.get', { jobId: id });
        if (jobId.current === id && state.status !== 'running') {
          jobId.current = null;
          const error = state.error ? { code: 'internal' as const, message: state.error.message } : undefined;
          setJob(finished({ status: state.status, result: state.result, error }, importRef.current));
        }
      } catch {
        // Only a fallback: job.finished on the event stream still reports the end.
      }
    },
    [apply, client],
  );

  // Events are the main path; this check covers one lost while the event stream reconnected
  // (EventSource does not replay), which would otherwise leave the import looking stuck.
  const runningId = job.state === 'running' ? job.jobId : null;
  useEffect(() => {
    if (!runningId) return;
    const timer = setInterval(() => {
      client.call('job.get', { jobId: runningId }).then(
        (state) => {
          if (jobId.current !== runningId || state.status === 'running') return;
          jobId.current = null;
          const error = state.error ? { code: 'internal' as const, message: state.error.message } : undefined;
          setJob(finished({ status: state.status, result: state.result, error }, importRef.current));
        },
        () => {
          // The bridge may be restarting: the next check or the event will tell.
        },
      );
    }, RECHECK_MS);
    return () => clearInterval(timer);
  }, [client, runningId]);

  const cancel = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    setJob((j) => (j.state === 'running' ? { ...j, cancelling: true, cancelError: undefined } : j));
    try {
      await client.call('job.cancel', { jobId: id });
    } catch (err) {
      const cancelError = errorText(err);
      setJob((j) => (j.state === 'running' ? { ...j, cancelling: false, cancelError } : j));
    }
  }, [client]);

  /** Removes what a cancelled or failed import stored (the evidence copies and ledger stay). */
  const rollback = useCallback(async () => {
    const id = importRef.current;
    if (id === undefined) return;
    try {
      const r = await client.call('import.rollback', { importId: id });
      setJob((j) => (j.state === 'finished' ? { ...j, rolledBack: r.eventsRemoved } : j));
      onRolledBack();
    } catch (err) {
      const error = errorText(err);
      setJob((j) => (j.state === 'finished' ? { ...j, error } : j));
    }
  }, [client, onRolledBack]);

  return { job, start, cancel, rollback };
}
