/** A rule that cannot be compiled; the message is the reason shown to the analyst. */
export class RuleError extends Error {
  override name = 'RuleError';
}
