/**
 * UTF-16LE text that repeats from record to record and chunk to chunk (element names,
 * host, user, provider, image paths). Decoding goes through a native call per string that
 * costs more than hashing and comparing a short string's code units in place, so repeated
 * text is looked up instead of decoded, and the same text is then one shared string.
 */

/** Whether `s` equals the `count` UTF-16LE code units at `at`. */
export function sameText(buf: Buffer, at: number, count: number, s: string): boolean {
  if (s.length !== count) return false;
  for (let i = 0; i < count; i++) if (s.charCodeAt(i) !== (buf[at + i * 2]! | (buf[at + i * 2 + 1]! << 8))) return false;
  return true;
}

/** Code units hashed at each end of a string. */
const HASHED = 8;

/** Decoded strings by a hash of their code units, one per hash, emptied when full (bounded for hostile files). */
export class TextInterner {
  private readonly known = new Map<number, string>();

  constructor(private readonly maxEntries: number) {}

  /**
   * The text of `count` UTF-16LE code units at `at` (bounds checked by the caller). The hash
   * takes the low bytes of the first and last HASHED units only: the comparison that
   * follows looks at every unit anyway.
   */
  text(buf: Buffer, at: number, count: number): string {
    let h = count;
    const head = Math.min(count, HASHED);
    for (let i = 0; i < head; i++) h = (Math.imul(h, 31) + buf[at + i * 2]!) | 0;
    for (let i = Math.max(head, count - HASHED); i < count; i++) h = (Math.imul(h, 31) + buf[at + i * 2]!) | 0;
    const known = this.known.get(h);
    if (known !== undefined && sameText(buf, at, count, known)) return known;
    const s = buf.toString('utf16le', at, at + count * 2);
    if (this.known.size >= this.maxEntries) this.known.clear();
    this.known.set(h, s);
    return s;
  }
}
