import { isMasked, maskedStem, tokenize, WILDCARD } from '../../detect/templates/tokenize';

/** Longest message part read, and longest text kept: embeddings only need the gist. */
const MAX_MESSAGE = 4000;
const MAX_TEXT = 1000;

/** Punctuation that joins the parts of code identifiers and paths. */
const JOINERS = /[._$@/\\[\]{}()<>:=,;"'|#*+!?~`^&%-]+/g;
/** camelCase and PascalCase boundaries: `DiskBlockManager` -> `Disk Block Manager`. */
const CAMEL = /([a-z])([A-Z])|([A-Z])([A-Z][a-z])/g;

/**
 * The words of one token: identifiers and paths (`storage.DiskBlockManager`,
 * `pam_unix(sshd:auth)`) become their words, which a language model can place, instead of
 * one opaque string.
 */
function words(token: string): string {
  return token.replace(CAMEL, '$1$3 $2$4').replace(JOINERS, ' ').trim();
}

/**
 * The text an event is embedded by: its message with the variable parts (numbers, ids,
 * addresses, times) left out, as the template miner masks them, and identifiers split into
 * words. Events that differ only in their values share one text, so each distinct text is
 * embedded once.
 */
export function semanticText(message: string): string {
  const out: string[] = [];
  for (const t of tokenize(message.slice(0, MAX_MESSAGE))) {
    if (t === WILDCARD) continue;
    const w = words(isMasked(t) ? maskedStem(t) : t);
    if (w) out.push(w);
  }
  return out.join(' ').replace(/\s+/g, ' ').slice(0, MAX_TEXT);
}
