import { useCallback, useRef, useState } from 'react';
import type { MethodInput } from '../../../../shared/api';
import type { JobFinishedEvent, JobProgressEvent } from '../../../../shared/events';
import { importReceiptSchema, type ImportReceipt } from '../../../../shared/model';
import { useAppEvents, useClient } from '../../api/ClientContext';
import { errorText } from '../../lib/errors';

export type ImportJob =
  | { state: 'idle' }
  | { state: 'starting' }
  | { state: 'running'; jobId: string; progress: JobProgressEvent | null; cancelling: boolean; cancelError?: string }
  | { state: 'finished'; status: JobFinishedEvent['status']; receipt: ImportReceipt | null; error: string | null };

type Finish = Pick<JobFinishedEvent, 'status' | 'result' | 'error'>;

function finished({ status, result, error }: Finish): ImportJob {
  const parsed = importReceiptSchema.safeParse(result);
  const receipt = parsed.success ? parsed.data : null;
  const message = error?.message ?? (status === 'failed' && !receipt ? 'The import failed without a receipt.' : null);
  return { state: 'finished', status, receipt, error: message };
}

/** One import job at a time: start, follow its progress events, cancel, keep its receipt. */
export function useImportJob() {
  const client = useClient();
  const [job, setJob] = useState<ImportJob>({ state: 'idle' });
  const jobId = useRef<string | null>(null);
  // Events can arrive before import.start has answered with the job id; keep them until then.
  const early = useRef<Array<JobProgressEvent | JobFinishedEvent>>([]);
  const starting = useRef(false);

  const apply = useCallback((event: JobProgressEvent | JobFinishedEvent) => {
    if (event.type === 'job.finished') {
      jobId.current = null;
      setJob(finished(event));
    } else {
      setJob((j) => (j.state === 'running' ? { ...j, progress: event } : j));
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
      try {
        id = (await client.call('import.start', input)).jobId;
      } catch (err) {
        setJob({ state: 'finished', status: 'failed', receipt: null, error: errorText(err) });
        return;
      } finally {
        starting.current = false;
      }
      jobId.current = id;
      setJob({ state: 'running', jobId: id, progress: null, cancelling: false });
      for (const e of early.current.filter((x) => x.jobId === id)) apply(e);
      early.current = [];
      try {
        // A fast job may have ended before the event stream saw it: ask once.
        const state = await client.call('job.get', { jobId: id });
        if (jobId.current === id && state.status !== 'running') {
          jobId.current = null;
          const error = state.error ? { code: 'internal' as const, message: state.error.message } : undefined;
          setJob(finished({ status: state.status, result: state.result, error }));
        }
      } catch {
        // Only a fallback: job.finished on the event stream still reports the end.
      }
    },
    [apply, client],
  );

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

  return { job, start, cancel };
}
