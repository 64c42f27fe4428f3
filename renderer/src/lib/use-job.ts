import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobFinishedEvent, JobProgressEvent } from '../../../shared/events';
import { useAppEvents, useClient } from '../api/ClientContext';
import { errorText } from './errors';

export type JobView =
  | { state: 'idle' }
  | { state: 'starting' }
  | { state: 'running'; jobId: string; progress: JobProgressEvent | null; cancelling: boolean; cancelError?: string }
  | { state: 'finished'; status: JobFinishedEvent['status']; result: unknown; error: string | null };

const RECHECK_MS = 2000;

type Finish = Pick<JobFinishedEvent, 'status' | 'result' | 'error'>;

export interface JobOptions {
  /** Called with each progress event of the job, in order (for views that build on every phase). */
  onProgress?: (event: JobProgressEvent) => void;
  /** What to say of a failed job that gave no reason, given its result; null says nothing. */
  failedWithoutReason?: (result: unknown) => string | null;
}

const saysNothing = () => 'The job failed without saying why.';

function finished({ status, result, error }: Finish, opts: JobOptions): JobView {
  // A cancelled job ends without a result; that is not an error to show.
  const fallback = status === 'failed' ? (opts.failedWithoutReason ?? saysNothing)(result) : null;
  const message = status === 'cancelled' ? null : (error?.message ?? fallback);
  return { state: 'finished', status, result, error: message };
}

/**
 * One job of a kind at a time (an import, an export, a detection run): start it, follow its
 * progress events, cancel it, keep its result. Events first, with job.get as the fallback for
 * an end the event stream missed.
 */
export function useJob(kind: string, options: JobOptions = {}) {
  const client = useClient();
  const [job, setJob] = useState<JobView>({ state: 'idle' });
  const opts = useRef(options);
  opts.current = options;
  const jobId = useRef<string | null>(null);
  // Events can arrive before the start call has answered with the job id; keep them until then.
  const early = useRef<Array<JobProgressEvent | JobFinishedEvent>>([]);
  const starting = useRef(false);

  const apply = useCallback((event: JobProgressEvent | JobFinishedEvent) => {
    if (event.type === 'job.finished') {
      jobId.current = null;
      setJob(finished(event, opts.current));
    } else {
      opts.current.onProgress?.(event);
      setJob((j) => (j.state === 'running' ? { ...j, progress: event } : j));
    }
  }, []);

  useAppEvents((event) => {
    if (event.type !== 'job.progress' && event.type !== 'job.finished') return;
    if (event.jobId === jobId.current) apply(event);
    else if (starting.current && event.kind === kind) early.current.push(event);
  });

  const endFromState = useCallback(async (id: string) => {
    const state = await client.call('job.get', { jobId: id });
    if (jobId.current !== id || state.status === 'running') return;
    jobId.current = null;
    const error = state.error ? { code: 'internal' as const, message: state.error.message } : undefined;
    setJob(finished({ status: state.status, result: state.result, error }, opts.current));
  }, [client]);

  /**
   * Starts the job with `call` (which returns its id, and whatever else the start method
   * answers); errors of the call itself are shown as given. Resolves with the call's answer,
   * or null when the job did not start.
   */
  const start = useCallback(
    async <R extends { jobId: string }>(call: () => Promise<R>): Promise<R | null> => {
      early.current = [];
      starting.current = true;
      setJob({ state: 'starting' });
      let started: R;
      try {
        started = await call();
      } catch (err) {
        setJob({ state: 'finished', status: 'failed', result: undefined, error: errorText(err) });
        return null;
      } finally {
        starting.current = false;
      }
      const id = started.jobId;
      jobId.current = id;
      setJob({ state: 'running', jobId: id, progress: null, cancelling: false });
      for (const e of early.current.filter((x) => x.jobId === id)) apply(e);
      early.current = [];
      // A fast job may have ended before the event stream saw it: ask once.
      await endFromState(id).catch(() => undefined);
      return started;
    },
    [apply, endFromState],
  );

  // A job.finished lost while the event stream reconnected (EventSource does not replay)
  // would leave the job looking stuck: check now and then while it runs.
  const runningId = job.state === 'running' ? job.jobId : null;
  useEffect(() => {
    if (!runningId) return;
    const timer = setInterval(() => void endFromState(runningId).catch(() => undefined), RECHECK_MS);
    return () => clearInterval(timer);
  }, [endFromState, runningId]);

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

  const reset = useCallback(() => {
    if (!jobId.current) setJob({ state: 'idle' });
  }, []);

  return { job, start, cancel, reset };
}
