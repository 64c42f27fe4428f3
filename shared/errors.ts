/** Error codes every transport understands. */
export const ERROR_CODES = [
  'invalid_input', // input failed validation or cannot be parsed (exit code 1)
  'query_syntax', // a search query could not be parsed; details.position says where
  'refused', // input refused on purpose: hostile archive, path outside the case, limits
  'not_found', // case, job, event or import does not exist
  'conflict', // the operation clashes with the current state (e.g. case already exists)
  'no_case', // a case-bound method was called with no case open
  'cancelled', // a job was cancelled by the user
  'io', // file system or database failure (exit code 2)
  'unauthorized', // bridge token or Host check failed
  'internal', // anything unexpected; details.errorId points at the log line
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error that is safe to show to a user: a code, a sentence, optional structured details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** Serializable form of an AppError. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** What crosses every boundary: Electron's ipc passes only `message` of a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function isAppErrorData(x: unknown): x is AppErrorData {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as AppErrorData).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((x as AppErrorData).code) &&
    typeof (x as AppErrorData).message === 'string'
  );
}

export function toAppError(data: AppErrorData): AppError {
  return new AppError(data.code, data.message, data.details);
}
