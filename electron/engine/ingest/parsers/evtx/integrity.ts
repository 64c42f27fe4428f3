/**
 * Integrity findings that are evidence in their own right: records missing from the id
 * sequence (deleted or overwritten records) and events that say the log was cleared.
 */

export interface Finding {
  where: string;
  reason: string;
}

interface Range {
  chunk: number;
  first: number;
  last: number;
}

/**
 * Record ids rise by one from record to record. Inside a chunk any jump is a finding; across
 * chunks the ranges are compared in id order, because a circular log wraps around and its
 * oldest chunk need not be the first one in the file.
 */
export class RecordIdCheck {
  private prev: number | null = null;
  private first: number | null = null;
  private readonly ranges: Range[] = [];

  startChunk(): void {
    this.prev = null;
    this.first = null;
  }

  /** A finding when `id` does not follow the previous record of the chunk, else null. */
  next(id: number): string | null {
    const prev = this.prev;
    this.prev = id;
    this.first ??= id;
    if (prev === null || id === prev + 1) return null;
    if (id > prev + 1) return `record id gap: ${id - prev - 1} record id(s) missing between ${prev} and ${id}`;
    return `record id ${id} follows ${prev}: ids repeated or out of order`;
  }

  endChunk(chunk: number): void {
    if (this.first !== null && this.prev !== null) this.ranges.push({ chunk, first: this.first, last: this.prev });
  }

  /** Gaps and overlaps between the chunks' id ranges. */
  betweenChunks(): Finding[] {
    // One chunk (most logs): nothing to compare.
    if (this.ranges.length < 2) return [];
    const sorted = [...this.ranges].sort((a, b) => a.first - b.first);
    const out: Finding[] = [];
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1]!;
      const b = sorted[i]!;
      if (b.first > a.last + 1) {
        out.push({ where: `chunk ${b.chunk}`, reason: `record id gap: ids ${a.last + 1}-${b.first - 1} missing between chunk ${a.chunk} (ends at ${a.last}) and chunk ${b.chunk} (starts at ${b.first})` });
      } else if (b.first <= a.last) {
        out.push({ where: `chunk ${b.chunk}`, reason: `record ids of chunk ${b.chunk} (${b.first}-${b.last}) overlap chunk ${a.chunk} (${a.first}-${a.last})` });
      }
    }
    return out;
  }
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * "The log was cleared": Security 1102 and System 104 from the Eventlog provider. Whoever
 * clears a log removes evidence, so the event itself is a finding.
 */
export function clearedLogFinding(attrs: Record<string, unknown>): string | null {
  const id = attrs.EventID;
  if (id !== 1102 && id !== 104) return null;
  if (!/eventlog/i.test(text(attrs.Provider_Name))) return null;
  const user = text(attrs.SubjectUserName);
  const domain = text(attrs.SubjectDomainName);
  const who = user ? ` by ${domain ? `${domain}\\` : ''}${user}` : '';
  const log = text(attrs['LogFileCleared.Channel']) || (id === 1102 ? 'Security' : 'an event');
  const when = text(attrs.TimeCreated);
  return `log cleared: ${log} log cleared${who}${when ? ` at ${when}` : ''} (${text(attrs.Channel) || 'log'} event ${id})`;
}
