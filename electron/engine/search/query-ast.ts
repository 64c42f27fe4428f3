/**
 * The typed syntax tree of a search query. Every node carries the character range of the
 * query text it came from (`pos`, `len`) so that later stages (time parsing, SQL
 * compilation) can report errors the UI underlines at the right place.
 */

/** Character range of a node in the query text. */
export interface Span {
  pos: number;
  len: number;
}

/** Matches every event: the empty query or a lone `*`. */
export interface AllNode extends Span {
  type: 'all';
}

export interface AndNode extends Span {
  type: 'and';
  children: QueryNode[];
}

export interface OrNode extends Span {
  type: 'or';
  children: QueryNode[];
}

export interface NotNode extends Span {
  type: 'not';
  child: QueryNode;
}

/**
 * A word or phrase. Without a field it is full text (token match); with a field it is
 * case-insensitive equality (`host:web-01`), or token match for `message`.
 */
export interface MatchNode extends Span {
  type: 'match';
  field: string | null;
  value: string;
  /** Written in double quotes. */
  quoted: boolean;
}

/**
 * A value with `*` wildcards. `segments` are the literal pieces between the stars, so
 * `web*` is ["web", ""] and `*adm*` is ["", "adm", ""]. Free text only allows a trailing star.
 */
export interface WildcardNode extends Span {
  type: 'wildcard';
  field: string | null;
  segments: string[];
}

/** `field:/pattern/flags` (JavaScript syntax). Without a field it applies to the message. */
export interface RegexNode extends Span {
  type: 'regex';
  field: string | null;
  pattern: string;
  /** Flags as written; empty means the language default (case-insensitive). */
  flags: string;
}

export type CompareOp = '>' | '>=' | '<' | '<=';

/** `field:>=value`. */
export interface CompareNode extends Span {
  type: 'compare';
  field: string;
  op: CompareOp;
  value: string;
  /** Span of the value alone, for errors about it. */
  valuePos: number;
}

/** `field:[a TO b]` (inclusive) or `{a TO b}` (exclusive); a null bound is open (`*`). */
export interface RangeNode extends Span {
  type: 'range';
  field: string;
  lower: string | null;
  upper: string | null;
  includeLower: boolean;
  includeUpper: boolean;
}

/** `field:*`: the field is present and not empty. */
export interface ExistsNode extends Span {
  type: 'exists';
  field: string;
}

export type QueryNode =
  | AllNode
  | AndNode
  | OrNode
  | NotNode
  | MatchNode
  | WildcardNode
  | RegexNode
  | CompareNode
  | RangeNode
  | ExistsNode;

export type LeafNode = MatchNode | WildcardNode | RegexNode | CompareNode | RangeNode | ExistsNode;
