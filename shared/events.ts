import type { ImportReceipt } from './model';
import type { AppErrorData } from './errors';

/** Progress of a running job, pushed at most about ten times a second. */
export interface JobProgressEvent {
  type: 'job.progress';
  /** The job's id as returned by the method that started it. */
  jobId: string;
  /** What kind of job: "import", later "index", "export", ... */
  kind: string;
  /** Units done so far (bytes for imports). */
  done: number;
  /** Units in all, 0 when not known yet. */
  total: number;
  /** Short phase label: "hashing", "parsing auth.log", ... */
  phase: string;
  /** Events stored so far (imports). */
  events?: number;
}

/** A job ended: with a result, an error, or because it was cancelled. */
export interface JobFinishedEvent {
  type: 'job.finished';
  jobId: string;
  kind: string;
  status: 'done' | 'failed' | 'cancelled';
  /** The job's result (an ImportReceipt for imports). */
  result?: ImportReceipt | unknown;
  error?: AppErrorData;
}

/** The open case changed (opened, created, events added). */
export interface CaseChangedEvent {
  type: 'case.changed';
  path: string | null;
}

export type AppEvent = JobProgressEvent | JobFinishedEvent | CaseChangedEvent;
export type AppEventType = AppEvent['type'];
