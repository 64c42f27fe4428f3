import type { JobProgress } from './types';

/**
 * Wraps a progress callback so it fires at most once per `intervalMs` (about ten times a
 * second), always delivering the latest value; `flush()` sends the last pending one.
 */
export function throttleProgress(
  send: (p: JobProgress) => void,
  intervalMs = 100,
): { emit: (p: JobProgress) => void; flush: () => void } {
  let last = 0;
  let pending: JobProgress | null = null;
  return {
    emit(p) {
      const now = Date.now();
      if (now - last >= intervalMs) {
        last = now;
        pending = null;
        send(p);
      } else {
        pending = p;
      }
    },
    flush() {
      if (pending) send(pending);
      pending = null;
    },
  };
}
