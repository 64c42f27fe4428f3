import type { AuditEvent } from '../../../../shared/model';
import type { ListedEvent } from './use-event-pages';
import { loadPref, savePref } from '../../lib/storage';

export type ColumnId = 'match' | 'ts' | 'host' | 'user' | 'action' | 'outcome' | 'src_ip' | 'dst_ip' | 'resource' | 'severity' | 'format' | 'source' | 'message';

export interface Column {
  id: ColumnId;
  label: string;
  /** CSS grid track. */
  width: string;
  mono?: boolean;
  value: (ev: AuditEvent) => string;
}

const str = (v: string | null): string => v ?? '';

/** The last part of a received file name (archive members keep their member name). */
export function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'), file.lastIndexOf('!'));
  return i >= 0 && i < file.length - 1 ? file.slice(i + 1) : file;
}

export const COLUMNS: Column[] = [
  // Milliseconds in the list; the detail shows the full microseconds.
  { id: 'ts', label: 'Time (UTC)', width: '11.6rem', mono: true, value: (e) => (e.ts ? e.ts.replace('T', ' ').slice(0, 23) : '—') },
  { id: 'host', label: 'Host', width: '7rem', value: (e) => str(e.host) },
  { id: 'user', label: 'User', width: '6.5rem', value: (e) => str(e.user) },
  { id: 'action', label: 'Action', width: '7rem', value: (e) => str(e.action) },
  { id: 'outcome', label: 'Outcome', width: '5.5rem', value: (e) => str(e.outcome) },
  { id: 'src_ip', label: 'Source IP', width: '8.5rem', mono: true, value: (e) => str(e.src_ip) },
  { id: 'dst_ip', label: 'Dest. IP', width: '8.5rem', mono: true, value: (e) => str(e.dst_ip) },
  { id: 'resource', label: 'Resource', width: '10rem', value: (e) => str(e.resource) },
  { id: 'severity', label: 'Severity', width: '4.8rem', value: (e) => str(e.severity) },
  { id: 'format', label: 'Format', width: '6rem', value: (e) => e.format },
  { id: 'source', label: 'Source file', width: '10rem', value: (e) => baseName(e.origin.file) },
  { id: 'message', label: 'Message', width: 'minmax(12rem, 1fr)', value: (e) => e.message },
];

const DEFAULT: ColumnId[] = ['ts', 'host', 'user', 'action', 'severity', 'message'];
const ids = new Set<string>(COLUMNS.map((c) => c.id));
const isColumnList = (x: unknown): x is ColumnId[] => Array.isArray(x) && x.length > 0 && x.every((c) => typeof c === 'string' && ids.has(c));

export function loadColumns(): ColumnId[] {
  return loadPref('columns', DEFAULT, isColumnList);
}

export function saveColumns(cols: ColumnId[]): void {
  savePref('columns', cols);
}

/**
 * Ranked results lead with why each event is there: its text's similarity to the query
 * (0-1) and K when it also matched a keyword.
 */
export const MATCH_COLUMN: Column = {
  id: 'match',
  label: 'Match',
  width: '4.6rem',
  mono: true,
  value: (e) => {
    const m = (e as ListedEvent).match;
    if (!m) return '';
    return `${m.semantic === null ? '  –  ' : m.semantic.toFixed(2)}${m.keyword ? ' K' : ''}`;
  },
};

export function columnsOf(chosen: ColumnId[], ranked = false): Column[] {
  const shown = COLUMNS.filter((c) => chosen.includes(c.id));
  return ranked ? [MATCH_COLUMN, ...shown] : shown;
}
