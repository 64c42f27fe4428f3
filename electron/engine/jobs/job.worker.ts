import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { openCase } from '../case/case-folder';
import { JOBS } from './registry';
import { throttleProgress } from './throttle';
import type { HostMessage, JobWorkerData, WorkerMessage } from './types';

/** Entry of a job worker thread: opens its own connection to the case and runs one job. */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('job.worker must run in a worker thread');
  const data = workerData as JobWorkerData;
  const post = (m: WorkerMessage): void => port.postMessage(m);
  const abort = new AbortController();
  port.on('message', (m: HostMessage) => {
    if (m.type === 'cancel') abort.abort();
  });
  const load = JOBS[data.kind];
  if (!load) {
    post({ type: 'error', error: { code: 'invalid_input', message: `Unknown job kind ${data.kind}` } });
    return;
  }
  const c = openCase(data.caseDir);
  const progress = throttleProgress((p) => post({ type: 'progress', progress: p }));
  try {
    const job = await load();
    const result = await job(data.input as never, { caseDir: c.dir, db: c.db, emit: progress.emit, signal: abort.signal });
    progress.flush();
    post({ type: 'done', result });
  } catch (err) {
    progress.flush();
    const e = err as Error;
    if (err instanceof AppError) post({ type: 'error', error: { code: err.code, message: err.message, details: err.details } });
    else if (e.name === 'AbortError') post({ type: 'error', error: { code: 'cancelled', message: 'The job was cancelled.' } });
    else post({ type: 'error', error: { code: 'internal', message: e.message ?? String(err) } });
  } finally {
    c.db.close();
    port.close();
  }
}

void main();
