/**
 * The search query language, for people who know Kibana (KQL/Lucene) or Timesketch:
 *
 *   sshd                    full text (message and field values), case and accents ignored
 *   "Failed password"       phrase; \" escapes a quote inside
 *   fail*                   prefix (free text allows `*` only at the end of a word)
 *   host:web-01             field equals value, ignoring case; host:"web 01" quoted
 *   host:web*  host:*01     wildcards on fields
 *   user:/^adm/             JavaScript regex, unanchored, case-insensitive unless flags are
 *                           given (`/^Adm/u` is case-sensitive)
 *   size:>=100  ts:<now-1h  comparisons (numbers, times, else text)
 *   ts:[2024-01-01 TO 2024-02-01]   range; [ ] include, { } exclude, * open
 *   host:*                  field exists and is not empty
 *   host:(web-01 OR db*)    several values for one field
 *   a AND b, a OR b, NOT a, a && b, a || b, !a, -a, ( )   NOT > AND > OR; adjacent terms AND
 *
 * Special fields: message (message only), ts / @timestamp, id, source_id, source / file
 * (evidence file name), sha256; other names are attrs keys (`event.code`).
 */
import type { CompareOp, QueryNode, RangeNode } from './query-ast';
import { isDelimiter, readQuoted, readRange, readWord, syntaxError, tryRegex, type Word } from './query-lex';

export { syntaxError };

/** Guards against stack exhaustion and SQL/FTS expression limits from hostile queries. */
const MAX_DEPTH = 64;
const MAX_LEAVES = 1000;

/** Field names: normalized columns, `source`, `ts`, and dotted attrs keys such as `event.code`. */
const FIELD_RE = /[A-Za-z_@][A-Za-z0-9_.@-]*:/y;

type TokKind = 'AND' | 'OR' | 'NOT' | 'MINUS' | 'RPAREN' | 'EOF' | 'TERM';

/**
 * Hand-written recursive descent over the characters (no separate lexer: the meaning of
 * `/`, `:` and `*` depends on where they appear). Precedence: NOT > AND (also implicit,
 * between adjacent terms) > OR.
 */
class Parser {
  private i = 0;
  private depth = 0;
  private leaves = 0;

  constructor(private readonly s: string) {}

  parse(): QueryNode {
    this.ws();
    if (this.i >= this.s.length) return { type: 'all', pos: 0, len: 0 };
    const node = this.parseOr(null);
    this.ws();
    if (this.i < this.s.length) throw syntaxError('Unbalanced ")": there is no matching "("', this.i, 1);
    return node;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private keywordAt(word: string): boolean {
    return this.s.startsWith(word, this.i) && isDelimiter(this.s, this.i + word.length);
  }

  private peek(): { kind: TokKind; len: number } {
    const s = this.s;
    const c = s[this.i];
    if (c === undefined) return { kind: 'EOF', len: 0 };
    if (c === ')') return { kind: 'RPAREN', len: 1 };
    if (s.startsWith('&&', this.i)) return { kind: 'AND', len: 2 };
    if (s.startsWith('||', this.i)) return { kind: 'OR', len: 2 };
    if (this.keywordAt('AND')) return { kind: 'AND', len: 3 };
    if (this.keywordAt('OR')) return { kind: 'OR', len: 2 };
    if (this.keywordAt('NOT')) return { kind: 'NOT', len: 3 };
    if (c === '!') return { kind: 'NOT', len: 1 };
    if (c === '-') return { kind: 'MINUS', len: 1 };
    return { kind: 'TERM', len: 0 };
  }

  /** After a binary operator there must be an operand. */
  private requireOperand(opPos: number, opLen: number): void {
    this.ws();
    const k = this.peek().kind;
    if (k === 'EOF' || k === 'RPAREN' || k === 'AND' || k === 'OR') {
      const op = this.s.slice(opPos, opPos + opLen);
      throw syntaxError(`"${op}" needs a term on both sides`, opPos, opLen);
    }
  }

  private parseOr(field: string | null): QueryNode {
    const children = [this.parseAnd(field)];
    for (;;) {
      this.ws();
      const t = this.peek();
      if (t.kind !== 'OR') break;
      const opPos = this.i;
      this.i += t.len;
      this.requireOperand(opPos, t.len);
      children.push(this.parseAnd(field));
    }
    return group('or', children);
  }

  private parseAnd(field: string | null): QueryNode {
    const children = [this.parseUnary(field)];
    for (;;) {
      this.ws();
      const t = this.peek();
      if (t.kind === 'AND') {
        const opPos = this.i;
        this.i += t.len;
        this.requireOperand(opPos, t.len);
      } else if (t.kind === 'OR' || t.kind === 'RPAREN' || t.kind === 'EOF') {
        break;
      }
      children.push(this.parseUnary(field));
    }
    return group('and', children);
  }

  private parseUnary(field: string | null): QueryNode {
    this.ws();
    const t = this.peek();
    const at = this.i;
    if (t.kind === 'NOT' || t.kind === 'MINUS') {
      const next = this.s[at + 1];
      if (t.kind === 'MINUS' && (next === undefined || /\s|\)/.test(next))) {
        throw syntaxError('"-" must be attached to the term it excludes, as in -cron', at, 1);
      }
      this.i += t.len;
      this.ws();
      const k = this.peek().kind;
      if (k === 'EOF' || k === 'RPAREN' || k === 'AND' || k === 'OR') {
        throw syntaxError(`"${this.s.slice(at, at + t.len)}" needs a term to exclude`, at, t.len);
      }
      if (++this.depth > MAX_DEPTH) throw syntaxError('The query is nested too deeply', at, t.len);
      const child = this.parseUnary(field);
      this.depth--;
      return { type: 'not', child, pos: at, len: child.pos + child.len - at };
    }
    if (t.kind === 'AND' || t.kind === 'OR') {
      throw syntaxError(`"${this.s.slice(at, at + t.len)}" needs a term on its left`, at, t.len);
    }
    if (t.kind === 'RPAREN') throw syntaxError('Unbalanced ")": there is no matching "("', at, 1);
    if (t.kind === 'EOF') throw syntaxError('The query ends where a term was expected', at, 1);
    return this.parsePrimary(field);
  }

  private parseGroup(field: string | null): QueryNode {
    const open = this.i;
    this.i++;
    if (++this.depth > MAX_DEPTH) throw syntaxError('The query is nested too deeply', open, 1);
    this.ws();
    if (this.s[this.i] === ')') throw syntaxError('Empty parentheses', open, this.i - open + 1);
    if (this.i >= this.s.length) throw syntaxError('Missing ")" for this "("', open, 1);
    const node = this.parseOr(field);
    this.ws();
    if (this.s[this.i] !== ')') throw syntaxError('Missing ")" for this "("', open, 1);
    this.i++;
    this.depth--;
    return node;
  }

  private leaf<T extends QueryNode>(node: T): T {
    if (++this.leaves > MAX_LEAVES) throw syntaxError(`The query has more than ${MAX_LEAVES} terms`, node.pos, node.len);
    return node;
  }

  private parsePrimary(field: string | null): QueryNode {
    const s = this.s;
    const start = this.i;
    if (s[start] === '(') return this.parseGroup(field);
    FIELD_RE.lastIndex = start;
    const m = FIELD_RE.exec(s);
    // `fe80::1` is an IPv6 address, not a field named fe80.
    if (m && s[start + m[0].length] !== ':') {
      this.i = start + m[0].length;
      return this.parseFieldValue(m[0].slice(0, -1), start);
    }
    return this.parseValue(field, start, start);
  }

  /**
   * A value standing alone (free text), after `field:`, or inside a `field:( ... )` group.
   * `at` is where the value starts; `start` where the node's span starts (the field name).
   */
  private parseValue(field: string | null, at: number, start: number): QueryNode {
    const s = this.s;
    if (s[at] === '"') {
      const q = readQuoted(s, at);
      this.i = q.end;
      if (q.prefix) return this.leaf({ type: 'wildcard', field, segments: [q.value, ''], pos: start, len: q.end - start });
      return this.leaf({ type: 'match', field, value: q.value, quoted: true, pos: start, len: q.end - start });
    }
    if (s[at] === '/') {
      const r = tryRegex(s, at);
      if (r) {
        this.i = r.end;
        return this.leaf({ type: 'regex', field, pattern: r.pattern, flags: r.flags, pos: start, len: r.end - start });
      }
    }
    const w = readWord(s, at);
    this.i = w.end;
    return this.wordNode(field, w, start);
  }

  private wordNode(field: string | null, w: Word, start: number): QueryNode {
    const len = w.end - start;
    if (w.segments.length === 1) return this.leaf({ type: 'match', field, value: w.segments[0]!, quoted: false, pos: start, len });
    if (w.segments.every((x) => x === '')) {
      if (field === null) return this.leaf({ type: 'all', pos: start, len });
      return this.leaf({ type: 'exists', field, pos: start, len });
    }
    if (field === null && (w.segments.length !== 2 || w.segments[1] !== '' || w.segments[0] === '')) {
      throw syntaxError(
        'In free text "*" is only allowed at the end of a word (prefix search). To match inside values use a field, e.g. message:*text*',
        start,
        len,
      );
    }
    return this.leaf({ type: 'wildcard', field, segments: w.segments, pos: start, len });
  }

  private parseFieldValue(field: string, start: number): QueryNode {
    const s = this.s;
    const at = this.i;
    const c = s[at];
    if (c === undefined || /\s/.test(c) || c === ')') {
      throw syntaxError(`"${field}:" has no value`, start, at - start);
    }
    if (c === '(') return this.parseGroup(field);
    if (c === '>' || c === '<') return this.parseCompare(field, start);
    if (c === '[' || c === '{') {
      const r = readRange(s, at);
      this.i = r.end;
      const node: RangeNode = { type: 'range', field, ...r.range, pos: start, len: r.end - start };
      return this.leaf(node);
    }
    return this.parseValue(field, at, start);
  }

  private parseCompare(field: string, start: number): QueryNode {
    const s = this.s;
    const op: CompareOp = s[this.i + 1] === '=' ? (`${s[this.i]}=` as CompareOp) : (s[this.i] as CompareOp);
    this.i += op.length;
    const valuePos = this.i;
    if (isDelimiter(s, valuePos)) throw syntaxError(`"${field}:${op}" needs a value`, start, valuePos - start);
    let value: string;
    if (s[valuePos] === '"') {
      const q = readQuoted(s, valuePos);
      if (q.prefix) throw syntaxError('Wildcards are not allowed in comparisons', valuePos, q.end - valuePos);
      value = q.value;
      this.i = q.end;
    } else {
      const w = readWord(s, valuePos);
      if (w.segments.length > 1) throw syntaxError('Wildcards are not allowed in comparisons', valuePos, w.end - valuePos);
      value = w.segments[0]!;
      this.i = w.end;
    }
    return this.leaf({ type: 'compare', field, op, value, valuePos, pos: start, len: this.i - start });
  }
}

function group(type: 'and' | 'or', children: QueryNode[]): QueryNode {
  if (children.length === 1) return children[0]!;
  const first = children[0]!;
  const last = children[children.length - 1]!;
  return { type, children, pos: first.pos, len: last.pos + last.len - first.pos };
}

/**
 * Parse a query into its syntax tree. Throws AppError('query_syntax') with
 * `details: { position, length }` for anything malformed. The empty query matches all.
 */
export function parseQuery(query: string): QueryNode {
  return new Parser(query).parse();
}
