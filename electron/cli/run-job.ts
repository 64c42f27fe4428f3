import { AppError } from '../../shared/errors';
import type { AppEvent, JobFinishedEvent } from '../../shared/events';
import type { MethodName } from '../../shared/methods';
import { dispatch } from '../engine/dispatch';
import type { Engine } from '../engine/engine';
import { unwrap } from './cli-error';
import { progressBar } from './progress';

/**
 * Start a job through the engine (as the UI does), show its progress on stderr, cancel it on
 * Ctrl-C, and return how it ended. `started` is what the start method returned.
 */
export async function runJob<S extends { jobId: string }>(
  engine: Engine,
  method: MethodName,
  input: unknown,
): Promise<{ started: S; end: JobFinishedEvent }> {
  const bar = progressBar();
  let finished: (e: JobFinishedEvent) => void = () => {};
  const done = new Promise<JobFinishedEvent>((resolve) => {
    finished = resolve;
  });
  let jobId = '';
  const early: AppEvent[] = [];
  const off = engine.on((e) => {
    if (!jobId) early.push(e);
    else if (e.type === 'job.progress' && e.jobId === jobId) bar.update(e);
    else if (e.type === 'job.finished' && e.jobId === jobId) finished(e);
  });
  const cancel = (): void => void dispatch(engine, 'job.cancel', { jobId });
  process.once('SIGINT', cancel);
  try {
    const started = unwrap<S>(await dispatch(engine, method, input));
    jobId = started.jobId;
    for (const e of early) if (e.type === 'job.finished' && e.jobId === jobId) finished(e);
    const end = await done;
    bar.done();
    return { started, end };
  } finally {
    off();
    process.off('SIGINT', cancel);
  }
}

/** The job's error as an AppError (for a job that did not end 'done'). */
export function jobError(end: JobFinishedEvent, fallback: string): AppError {
  return new AppError(end.error?.code ?? 'internal', end.error?.message ?? fallback);
}
