import { dispatch } from '../../electron/engine/dispatch';
import type { Engine } from '../../electron/engine/engine';
import type { JobFinishedEvent } from '../../shared/events';

type Method = Parameters<typeof dispatch>[1];

/** One engine call for a benchmark: the value, or an error naming the method. */
export async function call<T>(engine: Engine, method: Method, input: unknown): Promise<T> {
  const r = await dispatch(engine, method, input);
  if (!r.ok) throw new Error(`${String(method)}: ${r.error.message}`);
  return r.value as T;
}

/** Starts a job and waits for its end; its result, or an error unless it ended done. */
export async function job<T = unknown>(engine: Engine, method: Method, input: unknown): Promise<T> {
  // Listening before the start call: a fast job can end before the call returns its id.
  const ended = new Map<string, JobFinishedEvent>();
  let wake = (): void => {};
  const off = engine.on((e) => {
    if (e.type !== 'job.finished') return;
    ended.set(e.jobId, e);
    wake();
  });
  try {
    const { jobId } = await call<{ jobId: string }>(engine, method, input);
    while (!ended.has(jobId)) await new Promise<void>((resolve) => (wake = resolve));
    const end = ended.get(jobId)!;
    if (end.status !== 'done') throw new Error(`${String(method)} ${end.status}: ${end.error?.message}`);
    return end.result as T;
  } finally {
    off();
  }
}
