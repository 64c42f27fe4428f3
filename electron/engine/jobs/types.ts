import type { Db } from '../db/open';

/** Progress a job reports; the host throttles and forwards it as a job.progress event. */
export interface JobProgress {
  done: number;
  total: number;
  phase: string;
  events?: number;
}

/** What every job function receives: the case, a way to report, and a cancel signal. */
export interface JobContext {
  caseDir: string;
  db: Db;
  emit: (p: JobProgress) => void;
  signal: AbortSignal;
}

/** A job is a plain async function; tests call it directly, the app runs it in a worker. */
export type JobFn<I, O> = (input: I, ctx: JobContext) => Promise<O>;

/** Messages from a job worker to its host. */
export type WorkerMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: { code: string; message: string; details?: Record<string, unknown> } };

/** Messages from the host to a job worker. */
export type HostMessage = { type: 'cancel' };

/** workerData for a job worker. */
export interface JobWorkerData {
  kind: string;
  input: unknown;
  caseDir: string;
}
