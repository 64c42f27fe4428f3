import { AppError } from '../../../shared/errors';

/** A sentence for the user; unexpected errors never show a stack trace. */
export function errorText(err: unknown): string {
  if (err instanceof AppError) {
    const id = err.details?.errorId;
    return typeof id === 'string' ? `${err.message} (error id ${id})` : err.message;
  }
  console.error(err);
  return 'Something went wrong. Try again; if it persists, check the Sealdesk log.';
}
