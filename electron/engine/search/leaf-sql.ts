import type { Db } from '../db/open';
import { fromCond, fromFts, joinConds, matchAll, type Compiled, type SqlCond } from './compiled';
import { attrText, resolveField, type FieldRef } from './field-ref';
import { ftsColumn, ftsOr, ftsPhrase, ftsPrefixPhrase, hasTokens, regexLiteralPrefix } from './fts-text';
import { caseVariants, distinctValues } from './index-values';
import type { LeafNode, RegexNode, WildcardNode } from './query-ast';
import { syntaxError } from './query-lex';
import { compareCond, rangeCond } from './leaf-compare';
import { ciContains, ciEquals, ciWildcard, inList, numericValue, regexCond, wildcardMatcher } from './value-match';

/** What leaf compilation needs besides the node. */
export interface LeafContext {
  db: Db;
  nowUs: number;
  /** Columns with a usable index (see index-values). */
  indexed: ReadonlySet<string>;
  /** Whether the `fields` FTS column holds every value of a field in full (see fts-safety). */
  ftsHolds(field: string): boolean;
}

/** Beyond this many values an OR of FTS phrases costs more than the SQL check it spares. */
const MAX_HINT_VALUES = 32;

type ColumnRef = Extract<FieldRef, { kind: 'column' }>;
/** A field whose values are compared (everything but the annotation filters). */
type ValueRef = Exclude<FieldRef, { kind: 'tag' | 'is' | 'template' }>;
type AttrRef = Extract<FieldRef, { kind: 'attr' }>;

function hintOk(ctx: LeafContext, f: ColumnRef | AttrRef): boolean {
  return f.kind === 'column' ? f.inFields && ctx.ftsHolds(f.col) : ctx.ftsHolds('attrs');
}

/** FTS hints for a field condition: phrases its values must contain in the `fields` column. */
function valueHint(ctx: LeafContext, f: ColumnRef | AttrRef, values: string[], prefix = false): string[] {
  if (!hintOk(ctx, f) || values.length === 0 || values.length > MAX_HINT_VALUES || !values.every(hasTokens)) return [];
  return [ftsOr(values.map((v) => ftsColumn('fields', prefix ? ftsPrefixPhrase(v) : ftsPhrase(v))))];
}

/**
 * The expression equality compares. For attributes, text that cannot be a JSON number or
 * boolean's spelling compares with json_extract directly (one JSON lookup instead of two):
 * a number or boolean there never equals such text anyway.
 */
function equalsExpr(f: ColumnRef | AttrRef, value: string): string {
  if (f.kind === 'attr' && numericValue(value) === null && !/^(true|false)$/i.test(value)) return `json_extract(e.attrs, ${f.path})`;
  return fieldExpr(f);
}

function fieldExpr(f: ColumnRef | AttrRef): string {
  return f.kind === 'column' ? f.expr : attrText(f.path);
}

/** For indexed columns: the matching values read from the index, as an exact IN list. */
function indexedIn(ctx: LeafContext, f: ColumnRef | AttrRef, values: string[] | null, test?: (v: string) => boolean): Compiled | null {
  if (f.kind !== 'column' || !f.indexed || values === null) return null;
  const hit = test ? values.filter(test) : values;
  return fromCond(inList(f.expr, hit), valueHint(ctx, f, hit));
}

/** Beyond this many case variants of a prefix, index ranges stop paying for themselves. */
const MAX_PREFIX_RANGES = 16;

/**
 * `col:abc*` on an indexed column: one index range per stored case variant of the prefix
 * (prefix <= value < prefix + U+10FFFF), so the index lists the candidates.
 */
function prefixRanges(ctx: LeafContext, f: ColumnRef, head: string): SqlCond | null {
  const variants = caseVariants(ctx.db, f.col, head, { prefix: true });
  if (variants === null || variants.length > MAX_PREFIX_RANGES) return null;
  if (variants.length === 0) return { sql: '0', params: [] };
  const ranges = joinConds(
    variants.map((v) => ({ sql: `(${f.expr} >= ? AND ${f.expr} < ?)`, params: [v, `${v}\u{10FFFF}`] })),
    'OR',
  );
  return { ...ranges, driver: true };
}

function equals(ctx: LeafContext, f: ValueRef, value: string, node: LeafNode): Compiled {
  switch (f.kind) {
    case 'text':
      return hasTokens(value) ? fromFts(ftsPhrase(value)) : fromCond(ciContains('e.message', value));
    case 'message':
      return hasTokens(value) ? fromFts(ftsColumn('message', ftsPhrase(value))) : fromCond(ciContains('e.message', value));
    case 'column':
    case 'attr': {
      const viaIndex = f.kind === 'column' && f.indexed ? indexedIn(ctx, f, caseVariants(ctx.db, f.col, value)) : null;
      return viaIndex ?? fromCond(ciEquals(equalsExpr(f, value), value), valueHint(ctx, f, [value]));
    }
    case 'source':
      return fromCond(sourceCond('path = ? COLLATE NOCASE OR path LIKE ? ESCAPE \'\\\' OR path LIKE ? ESCAPE \'\\\'', [
        value,
        `%/${escapeLike(value)}`,
        `%\\\\${escapeLike(value)}`,
      ]));
    case 'sha256':
      return fromCond({ sql: 'e.evidence_id IN (SELECT id FROM evidence WHERE sha256 = ?)', params: [value.toLowerCase()], driver: true });
    case 'ts':
    case 'int':
      return fromCond(rangeCond(ctx, f, node, { lower: value, upper: value, includeLower: true, includeUpper: true }));
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}

/** Events whose evidence file was received under a matching name (any intake of the same bytes). */
function sourceCond(where: string, params: unknown[]): SqlCond {
  return { sql: `e.evidence_id IN (SELECT evidence_id FROM intake WHERE ${where})`, params, driver: true };
}

function wildcard(ctx: LeafContext, f: ValueRef, node: WildcardNode): Compiled {
  const segs = node.segments;
  const head = segs[0]!;
  const prefixOnly = segs.length === 2 && segs[1] === '';
  switch (f.kind) {
    case 'text':
      return hasTokens(head) ? fromFts(ftsPrefixPhrase(head)) : fromCond(ciContains('e.message', head));
    case 'message':
      // `message:foo*` is a token prefix like free text; other shapes match the whole message.
      if (prefixOnly && hasTokens(head)) return fromFts(ftsColumn('message', ftsPrefixPhrase(head)));
      return fromCond(ciWildcard('e.message', segs), hasTokens(head) ? [ftsColumn('message', ftsPrefixPhrase(head))] : []);
    case 'column':
    case 'attr': {
      const match = ciWildcard(fieldExpr(f), segs);
      // A prefix hint on an indexed column costs FTS5 a full merge of every token with that
      // prefix, more than the index ranges it would narrow.
      const hint = head === '' || (f.kind === 'column' && f.indexed) ? [] : valueHint(ctx, f, [head], true);
      if (f.kind === 'column' && f.indexed) {
        if (head === '') {
          const via = indexedIn(ctx, f, distinctValues(ctx.db, f.col, null), wildcardMatcher(segs));
          if (via) return via;
        } else {
          const ranges = prefixRanges(ctx, f, head);
          if (ranges) return fromCond({ ...joinConds([ranges, match], 'AND'), driver: ranges.sql !== '0' }, hint);
        }
      }
      return fromCond(match, hint);
    }
    case 'source': {
      const c = ciWildcard('path', segs);
      const base = ciWildcard('path', ['', `/${segs[0]}`, ...segs.slice(1)]);
      return fromCond(sourceCond(`(${c.sql}) OR (${base.sql})`, [...c.params, ...base.params]));
    }
    case 'sha256': {
      const c = ciWildcard('sha256', segs);
      return fromCond({ sql: `e.evidence_id IN (SELECT id FROM evidence WHERE ${c.sql})`, params: c.params, driver: true });
    }
    case 'ts':
    case 'int':
      throw syntaxError('Wildcards do not apply here: use a range such as ts:[2024-01-01 TO 2024-02-01]', node.pos, node.len);
  }
}

function regex(ctx: LeafContext, f: ValueRef, node: RegexNode): Compiled {
  const flags = node.flags || 'i';
  const lit = regexLiteralPrefix(node.pattern, flags);
  switch (f.kind) {
    case 'text':
    case 'message':
      return fromCond(regexCond('e.message', node.pattern, flags), lit && hasTokens(lit) ? [ftsColumn('message', ftsPrefixPhrase(lit))] : []);
    case 'column':
    case 'attr': {
      const re = new RegExp(node.pattern, flags);
      const via = f.kind === 'column' && f.indexed ? indexedIn(ctx, f, distinctValues(ctx.db, f.col, null), (v) => re.test(v)) : null;
      return via ?? fromCond(regexCond(fieldExpr(f), node.pattern, flags), lit ? valueHint(ctx, f, [lit], true) : []);
    }
    case 'source':
      return fromCond(sourceCond('regexp(?, path, ?)', [node.pattern, flags]));
    case 'sha256':
      return fromCond({ sql: 'e.evidence_id IN (SELECT id FROM evidence WHERE regexp(?, sha256, ?))', params: [node.pattern, flags], driver: true });
    case 'ts':
    case 'int':
      throw syntaxError('Regular expressions do not apply here: use a range such as ts:[2024-01-01 TO 2024-02-01]', node.pos, node.len);
  }
}

function exists(f: FieldRef): Compiled {
  switch (f.kind) {
    case 'column':
      return fromCond({ sql: `(${f.expr} IS NOT NULL AND ${f.expr} <> '')`, params: [] });
    case 'attr':
      return fromCond({ sql: `ifnull(json_type(e.attrs, ${f.path}), 'null') <> 'null'`, params: [] });
    case 'ts':
      return fromCond({ sql: 'e.ts IS NOT NULL', params: [], driver: true, time: true });
    default:
      return matchAll();
  }
}

const IS_STATES: Record<string, string> = {
  starred: 'SELECT event_id FROM stars',
  tagged: 'SELECT event_id FROM event_tags',
  noted: 'SELECT event_id FROM notes',
};

/** `tag:name`, `tag:inc*`, `tag:*` and `is:starred|tagged|noted`: conditions on the analyst's work. */
function annotationLeaf(kind: 'tag' | 'is', node: LeafNode): Compiled {
  const within = (sql: string, params: unknown[] = []) => fromCond({ sql: `e.id IN (${sql})`, params, driver: true });
  if (kind === 'is') {
    const state = node.type === 'match' ? IS_STATES[node.value.toLowerCase()] : undefined;
    if (!state) throw syntaxError('is: takes starred, tagged or noted', node.pos, node.len);
    return within(state);
  }
  switch (node.type) {
    case 'match':
      return within('SELECT event_id FROM event_tags WHERE tag = ?', [node.value]);
    case 'wildcard': {
      const c = ciWildcard('tag', node.segments);
      return within(`SELECT event_id FROM event_tags WHERE ${c.sql}`, c.params);
    }
    case 'exists':
      return within(IS_STATES.tagged!);
    default:
      throw syntaxError('tag: takes a tag name, optionally with * wildcards', node.pos, node.len);
  }
}

/** `template:<id>`: the events of one log template (ids as shown by the templates list); `template:*` any. */
function templateLeaf(node: LeafNode): Compiled {
  if (node.type === 'exists') return fromCond({ sql: 'e.id IN (SELECT event_id FROM event_atoms)', params: [], driver: true });
  if (node.type !== 'match' || !/^\d{1,15}$/.test(node.value)) {
    throw syntaxError('template: takes a template id (a number), as the templates list and an event\'s details show', node.pos, node.len);
  }
  return fromCond({
    sql: 'e.id IN (SELECT ea.event_id FROM template_atoms ta JOIN event_atoms ea ON ea.atom = ta.id WHERE ta.group_id = ?)',
    params: [Number(node.value)],
    driver: true,
  });
}

/** Compiles one leaf of the query tree. */
export function compileLeaf(ctx: LeafContext, node: LeafNode): Compiled {
  const f = resolveField(node.field, ctx.indexed, node.pos, node.len);
  if (f.kind === 'tag' || f.kind === 'is') return annotationLeaf(f.kind, node);
  if (f.kind === 'template') return templateLeaf(node);
  switch (node.type) {
    case 'match':
      return equals(ctx, f, node.value, node);
    case 'wildcard':
      return wildcard(ctx, f, node);
    case 'regex':
      return regex(ctx, f, node);
    case 'exists':
      return exists(f);
    case 'compare':
      return fromCond(compareCond(ctx, f, node));
    case 'range':
      return fromCond(rangeCond(ctx, f, node, node));
  }
}
