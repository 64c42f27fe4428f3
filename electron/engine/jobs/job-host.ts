import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { AppEvent } from '../../../shared/events';
import { AppError, ERROR_CODES, type AppErrorData, type ErrorCode } from '../../../shared/errors';
import type { JobState } from '../../../shared/model';
import type { JobWorkerData, WorkerMessage } from './types';
import { workerScript } from './worker-script';

/** How to start a job worker: the built sibling file in the app, the .ts source under tsx. */
export interface WorkerEntry {
  file: string | URL;
  execArgv: string[];
}

export function defaultWorkerEntry(): WorkerEntry {
  return { file: workerScript(import.meta.url, './job-worker-source.mjs', 'job-worker'), execArgv: [] };
}

interface Running {
  state: JobState;
  worker: Worker;
  settled: Promise<JobState>;
}

/** Runs jobs in worker threads, tracks their state and reports their events. */
export class JobHost {
  private readonly jobs = new Map<string, Running>();

  constructor(
    private readonly emit: (e: AppEvent) => void,
    private readonly entry: () => WorkerEntry = defaultWorkerEntry,
  ) {}

  /**
   * Start a job; `onEnd` runs in the host once the worker has finished (e.g. to mark an
   * import failed if the worker died without saying so).
   */
  start(kind: string, input: unknown, caseDir: string, onEnd?: (s: JobState) => void): string {
    const id = `${kind}-${randomUUID()}`;
    const entry = this.entry();
    const data: JobWorkerData = { kind, input, caseDir };
    const worker = new Worker(entry.file, { workerData: data, execArgv: entry.execArgv });
    const state: JobState = { id, kind, status: 'running', progress: { done: 0, total: 0, phase: 'starting' } };
    let finished = false;
    const settled = new Promise<JobState>((resolve) => {
      const finish = (status: 'done' | 'failed' | 'cancelled', result?: unknown, error?: AppErrorData): void => {
        if (finished) return;
        finished = true;
        state.status = status;
        if (result !== undefined) state.result = result;
        if (error) state.error = { code: error.code, message: error.message };
        try {
          onEnd?.(state);
        } finally {
          this.emit({ type: 'job.finished', jobId: id, kind, status, ...(result !== undefined ? { result } : {}), ...(error ? { error } : {}) });
          resolve(state);
        }
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') {
          state.progress = { done: m.progress.done, total: m.progress.total, phase: m.progress.phase };
          this.emit({ type: 'job.progress', jobId: id, kind, ...m.progress });
        } else if (m.type === 'done') {
          finish('done', m.result);
        } else {
          const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(m.error.code) ? (m.error.code as ErrorCode) : 'internal';
          finish(code === 'cancelled' ? 'cancelled' : 'failed', undefined, { code, message: m.error.message, details: m.error.details });
        }
      });
      worker.on('error', (err) => finish('failed', undefined, { code: 'internal', message: `The job worker crashed: ${err.message}` }));
      worker.on('exit', (code) => finish('failed', undefined, { code: 'internal', message: `The job worker exited unexpectedly (code ${code}).` }));
    });
    this.jobs.set(id, { state, worker, settled });
    return id;
  }

  get(id: string): JobState {
    const j = this.jobs.get(id);
    if (!j) throw new AppError('not_found', `No job ${id} in this session.`);
    return j.state;
  }

  /** Ask a job to stop; it stops at its next batch boundary. */
  cancel(id: string): boolean {
    const j = this.jobs.get(id);
    if (!j) throw new AppError('not_found', `No job ${id} in this session.`);
    if (j.state.status !== 'running') return false;
    j.worker.postMessage({ type: 'cancel' });
    return true;
  }

  /** Resolves when the job has finished, whatever the outcome. */
  wait(id: string): Promise<JobState> {
    const j = this.jobs.get(id);
    if (!j) throw new AppError('not_found', `No job ${id} in this session.`);
    return j.settled;
  }

  running(): JobState[] {
    return [...this.jobs.values()].filter((j) => j.state.status === 'running').map((j) => j.state);
  }

  /** Cancel everything and wait for the workers to end (app quit, case switch). */
  async shutdown(): Promise<void> {
    const all = [...this.jobs.values()].filter((j) => j.state.status === 'running');
    for (const j of all) j.worker.postMessage({ type: 'cancel' });
    await Promise.all(all.map((j) => Promise.race([j.settled, new Promise((r) => setTimeout(r, 10_000))])));
    for (const j of all) if (j.state.status === 'running') await j.worker.terminate();
  }
}
