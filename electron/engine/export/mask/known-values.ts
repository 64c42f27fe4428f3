const WORD_CHAR = /[A-Za-z0-9_]/;
const WORD_RUN = /[A-Za-z0-9_]+/g;

export interface KnownHit<T> {
  start: number;
  end: number;
  payload: T;
}

interface Entry<T> {
  lower: string;
  payload: T;
}

/**
 * Case-insensitive whole-word lookup of many literal values in text (field values such as
 * user and host names). Values are indexed by their first word, so the cost per string is
 * about its number of words, not the number of values: one big alternation regex, rebuilt
 * whenever a new value is learned, was quadratic over a large export.
 */
export class KnownValues<T> {
  private readonly byFirstWord = new Map<string, Entry<T>[]>();
  /** Values that start with punctuation (`/srv/app`, `\\DOMAIN`): few, searched with indexOf. */
  private readonly other: Entry<T>[] = [];
  private readonly seen = new Set<string>();

  get size(): number {
    return this.seen.size;
  }

  /** Adds a value; the first payload for a value (ignoring case) wins. */
  add(value: string, payload: T): void {
    const lower = value.toLowerCase();
    if (this.seen.has(lower)) return;
    this.seen.add(lower);
    const entry = { lower, payload };
    const first = /^[A-Za-z0-9_]+/.exec(lower);
    if (!first) {
      this.other.push(entry);
      return;
    }
    const list = this.byFirstWord.get(first[0]) ?? [];
    list.push(entry);
    // Longest first, so `alice.admin` is preferred to `alice` at the same place.
    list.sort((a, b) => b.lower.length - a.lower.length);
    this.byFirstWord.set(first[0], list);
  }

  find(text: string): KnownHit<T>[] {
    if (this.seen.size === 0) return [];
    const out: KnownHit<T>[] = [];
    const at = (start: number, e: Entry<T>): boolean => {
      const end = start + e.lower.length;
      if (text.slice(start, end).toLowerCase() !== e.lower) return false;
      if (WORD_CHAR.test(e.lower.at(-1)!) && end < text.length && WORD_CHAR.test(text[end]!)) return false;
      if (WORD_CHAR.test(e.lower[0]!) && start > 0 && WORD_CHAR.test(text[start - 1]!)) return false;
      out.push({ start, end, payload: e.payload });
      return true;
    };
    for (const m of text.matchAll(WORD_RUN)) {
      const list = this.byFirstWord.get(m[0].toLowerCase());
      if (list) list.some((e) => at(m.index, e));
    }
    if (this.other.length > 0) {
      const lowered = text.toLowerCase();
      // Lower-casing can change length for a few non-ASCII letters; then positions would drift.
      const hay = lowered.length === text.length ? lowered : text;
      for (const e of this.other) {
        for (let i = hay.indexOf(e.lower); i >= 0; i = hay.indexOf(e.lower, i + 1)) at(i, e);
      }
    }
    return out;
  }
}
