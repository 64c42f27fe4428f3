/**
 * Why an archive tree was refused. Thrown anywhere inside the expansion of one top-level
 * archive; the walker turns it into `IntakeItem.refused` and discards that archive's members.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

/**
 * Writing into the case's evidence store failed (disk full, permissions). Unlike a refusal
 * this is not about the input: the whole intake must stop, so it is never swallowed.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

/** The error thrown on cancellation: callers recognise it by `name === 'AbortError'`. */
export function abortError(): Error {
  const err = new Error('Intake cancelled');
  err.name = 'AbortError';
  return err;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** Errors that must travel up untouched rather than be reported as a corrupt archive. */
export function isFatal(err: unknown): boolean {
  return isAbortError(err) || err instanceof StoreError;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
