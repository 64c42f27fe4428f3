import { Worker } from 'node:worker_threads';
import { AppError, isAppErrorData, toAppError } from '../../../shared/errors';
import { workerScript } from '../jobs/worker-script';
import type { PreparedRow } from '../db/repos/events-write';
import { HASH_SIZE as LEAF_BYTES } from '../ledger/merkle';
import { abortError } from './intake/errors';
import type { ParseBatch, ParseIssue, ParseJob } from './parse-run';

/** Batches a parse worker may run ahead of the writer: bounds memory, keeps both threads busy. */
const WINDOW = 4;

export interface ParseRequest {
  type: 'parse';
  job: ParseJob;
  /** Int32 credit count the worker takes one from per batch and the writer gives back. */
  credits: SharedArrayBuffer;
}

export interface WorkerError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
}

export type ParseReply =
  | { type: 'batch'; rows: string; leaves: ArrayBuffer; issues: ParseIssue[]; bytes: number }
  | { type: 'end' }
  | { type: 'error'; error: WorkerError };

/**
 * A batch as posted between threads: the rows as one JSON text and the leaf hashes as one
 * transferred buffer (measured: cheaper to pass than the objects themselves).
 */
export function encodeBatch(b: ParseBatch): Extract<ParseReply, { type: 'batch' }> {
  const leaves = new Uint8Array(b.events.length * LEAF_BYTES);
  b.events.forEach((e, i) => leaves.set(e.leaf, i * LEAF_BYTES));
  return { type: 'batch', rows: JSON.stringify(b.events.map((e) => e.row)), leaves: leaves.buffer, issues: b.issues, bytes: b.bytes };
}

export function decodeBatch(m: Extract<ParseReply, { type: 'batch' }>): ParseBatch {
  const rows = JSON.parse(m.rows) as PreparedRow[];
  return {
    events: rows.map((row, i) => ({ row, leaf: Buffer.from(m.leaves, i * LEAF_BYTES, LEAF_BYTES) })),
    issues: m.issues,
    bytes: m.bytes,
  };
}

export function errorForPost(err: unknown): WorkerError {
  const e = err as Error;
  if (err instanceof AppError) return { name: e.name, message: e.message, code: err.code, details: err.details };
  return { name: e?.name ?? 'Error', message: e?.message ?? String(err) };
}

function errorFromPost(e: WorkerError): Error {
  if (isAppErrorData(e)) return toAppError(e);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/**
 * A second thread for an import: it reads and parses files and prepares their events
 * (hashing, full-text fields, template shapes) while the import's thread writes the batches
 * it handed over before. Started on the first file big enough to gain from it, reused for the next files.
 */
export class ParseThread {
  private worker: Worker | null = null;

  /** Files of at least `minBytes` are parsed on the worker; smaller ones on the caller's thread. */
  constructor(readonly minBytes: number) {}

  wants(size: number): boolean {
    return size >= this.minBytes;
  }

  /** Start the worker ahead of its first file, so its start-up overlaps the intake's hashing. */
  warm(): void {
    this.spawn().unref();
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript(import.meta.url, './parse-worker-source.mjs', 'parse-worker'));
    // A worker that fails while idle is dropped: the next run starts another and reports.
    const drop = (): void => {
      if (this.worker === worker) this.worker = null;
    };
    worker.on('error', drop);
    worker.on('exit', drop);
    this.worker = worker;
    return worker;
  }

  /**
   * Parse `job` on the worker; `onBatch` runs on this thread for each batch, in order. If it
   * throws (a failed write, a cancel), the worker is stopped and the promise rejects with it.
   */
  run(job: ParseJob, onBatch: (b: ParseBatch) => void, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortError());
    const worker = this.spawn();
    worker.ref();
    const credits = new Int32Array(new SharedArrayBuffer(4));
    credits[0] = WINDOW;
    return new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal.removeEventListener('abort', onAbort);
      };
      const fail = (err: unknown): void => {
        cleanup();
        this.stop();
        reject(err);
      };
      const onMessage = (m: ParseReply): void => {
        if (m.type === 'batch') {
          try {
            onBatch(decodeBatch(m));
          } catch (err) {
            fail(err);
            return;
          }
          // Given back on the next turn of the event loop, not now: a port keeps delivering
          // while messages keep arriving, and the job's cancel message must get its turn.
          setImmediate(() => {
            Atomics.add(credits, 0, 1);
            Atomics.notify(credits, 0);
          });
        } else if (m.type === 'end') {
          cleanup();
          worker.unref();
          resolve();
        } else {
          fail(errorFromPost(m.error));
        }
      };
      const onError = (err: Error): void => fail(new AppError('internal', `The parse worker crashed: ${err.message}`));
      const onExit = (code: number): void => fail(new AppError('internal', `The parse worker exited unexpectedly (code ${code}).`));
      const onAbort = (): void => fail(abortError());
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal.addEventListener('abort', onAbort, { once: true });
      const request: ParseRequest = { type: 'parse', job, credits: credits.buffer as SharedArrayBuffer };
      worker.postMessage(request);
    });
  }

  /** Stop the worker (the import is over, or it failed); a later run starts a new one. */
  stop(): void {
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
  }
}
