import { EVENT_FIELDS, type EventField } from '../../../shared/model';
import { syntaxError } from './query-lex';

/** What a field name in a query refers to. */
export type FieldRef =
  | { kind: 'text' }
  | { kind: 'message' }
  | { kind: 'ts' }
  | { kind: 'int'; expr: string; name: string }
  | { kind: 'source' }
  | { kind: 'sha256' }
  /** The analyst's work on the event: `tag:name`, `is:starred|tagged|noted`. */
  | { kind: 'tag' }
  | { kind: 'is' }
  /** The event's log template: `template:<id>`. */
  | { kind: 'template' }
  | { kind: 'column'; col: EventField; expr: string; indexed: boolean; inFields: boolean }
  | { kind: 'attr'; key: string; path: string };

/** Normalized columns whose values are part of the `fields` full-text column (see events-write). */
const IN_FTS_FIELDS = new Set<string>(['host', 'user', 'action', 'outcome', 'src_ip', 'dst_ip', 'resource', 'severity']);
const SAFE_KEY = /^[A-Za-z_@][A-Za-z0-9_.@-]*$/;

/**
 * Resolves a field name: no field = full text; the normalized columns; `ts` (alias
 * `@timestamp`); `id`, `source_id`; `source`/`file` (evidence file name); `sha256`; `template` (log template id); `tag` and `is`
 * (the analyst's tags and `is:starred`, `is:tagged`, `is:noted`);
 * anything else is a key of the flattened attrs (`event.code`). Names are case-sensitive,
 * as attrs keys are. `indexed` lists the columns with a usable index.
 */
export function resolveField(name: string | null, indexed: ReadonlySet<string> = new Set(), pos = 0, len = 1): FieldRef {
  if (name === null) return { kind: 'text' };
  switch (name) {
    case 'message':
      return { kind: 'message' };
    case 'ts':
    case '@timestamp':
      return { kind: 'ts' };
    case 'id':
      return { kind: 'int', expr: 'e.id', name };
    case 'source_id':
      return { kind: 'int', expr: 'e.evidence_id', name };
    case 'source':
    case 'file':
      return { kind: 'source' };
    case 'sha256':
      return { kind: 'sha256' };
    case 'tag':
      return { kind: 'tag' };
    case 'is':
      return { kind: 'is' };
    case 'template':
      return { kind: 'template' };
  }
  if ((EVENT_FIELDS as readonly string[]).includes(name)) {
    const col = name as EventField;
    return { kind: 'column', col, expr: `e.${col}`, indexed: indexed.has(col), inFields: IN_FTS_FIELDS.has(col) };
  }
  // The key is spliced into a JSON path literal; the parser only produces safe names, but
  // callers may build trees themselves.
  if (!SAFE_KEY.test(name)) throw syntaxError(`"${name}" is not a valid field name`, pos, len);
  return { kind: 'attr', key: name, path: `'$."${name}"'` };
}

/** The attribute as text, the way it is compared: JSON true/false as words, numbers as digits. */
export function attrText(path: string): string {
  return `(CASE json_type(e.attrs, ${path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL
    ELSE CAST(json_extract(e.attrs, ${path}) AS TEXT) END)`;
}
