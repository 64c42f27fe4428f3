import { AppError, type AppErrorData, type ErrorCode } from '../../shared/errors';

/** A usage mistake on the command line (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of the stable CLI surface: 1 input refused or invalid, 2 usage or I/O. */
export function exitCodeFor(code: ErrorCode): number {
  return code === 'io' || code === 'internal' ? 2 : 1;
}

/** Unwrap a dispatch Result or throw the AppError it carries. */
export function unwrap<T>(res: { ok: true; value: unknown } | { ok: false; error: AppErrorData }): T {
  if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.details);
  return res.value as T;
}
