/** An in-app reference in the notebook: an event or a search (saved by id, or a literal query). */
export type Reference = { kind: 'event'; id: number } | { kind: 'saved'; id: number } | { kind: 'query'; query: string };

/**
 * Reads `event:123`, `search:7` (saved search id) and `search:<url-encoded query>`.
 * Anything else is not a reference, and the notebook shows it as plain text.
 */
export function parseReference(href: string | undefined | null): Reference | null {
  if (!href) return null;
  const ev = /^event:(\d{1,15})$/.exec(href);
  if (ev) return { kind: 'event', id: Number(ev[1]) };
  const saved = /^search:(\d{1,15})$/.exec(href);
  if (saved) return { kind: 'saved', id: Number(saved[1]) };
  if (href.startsWith('search:')) {
    try {
      return { kind: 'query', query: decodeURIComponent(href.slice('search:'.length)) };
    } catch {
      return null;
    }
  }
  return null;
}

export function eventReference(id: number): string {
  return `[event #${id}](event:${id})`;
}

export function searchReference(name: string, id: number): string {
  return `[${name.replace(/[[\]]/g, '')}](search:${id})`;
}

export function queryReference(query: string): string {
  return `[${query.replace(/[[\]]/g, '') || 'all events'}](search:${encodeURIComponent(query)})`;
}
