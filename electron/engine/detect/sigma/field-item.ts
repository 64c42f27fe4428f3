import { fieldSlot, type EvalContext, type FieldVal, type Pred } from './context';
import { guardOfAlts, type Guard } from './guard';
import { base64Alts, base64OffsetAlts, windashAlts, type Encoding } from './encode';
import { RuleError } from './errors';
import { inCidr, parseCidr, parseIp, type Cidr } from './ip';
import { joinParts, literalParts, parseSigmaString, STAR, type Part } from './sigma-string';
import { buildStrTest, testCost, type StrTest } from './string-test';

/** A compiled `field|modifiers: values` item (or a keyword item when the field is empty). */
export interface CompiledItem {
  pred: Pred;
  fields: string[];
  cost: number;
  /** A necessary condition for pruning (see guard.ts); absent when unknown. */
  guard?: Guard;
}

const TYPE_MODS = new Set(['re', 'cidr', 'gt', 'gte', 'lt', 'lte', 'exists', 'fieldref']);
const POSITION_MODS = new Set(['contains', 'startswith', 'endswith']);
const TRANSFORMS = new Set(['contains', 'startswith', 'endswith', 'windash', 'base64', 'base64offset', 'wide', 'utf16le', 'utf16be', 'utf16']);
const FLAGS = new Set(['all', 'cased', 'neq']);
const RE_FLAGS = new Set(['i', 'm', 's']);
const UNSUPPORTED: Record<string, string> = {
  expand: 'the expand modifier (placeholders such as %Servers%) needs a placeholder pipeline, which is not supported',
  minute: 'time modifiers (minute, hour, day, week, month, year) are not supported',
  hour: 'time modifiers (minute, hour, day, week, month, year) are not supported',
  day: 'time modifiers (minute, hour, day, week, month, year) are not supported',
  week: 'time modifiers (minute, hour, day, week, month, year) are not supported',
  month: 'time modifiers (minute, hour, day, week, month, year) are not supported',
  year: 'time modifiers (minute, hour, day, week, month, year) are not supported',
};

type Scalar = string | number | boolean | null;

function scalars(key: string, value: unknown): Scalar[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new RuleError(`'${key}' has an empty value list`);
  for (const v of list) {
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new RuleError(`'${key}' has a value that is not a string, number, boolean or null`);
    }
  }
  return list as Scalar[];
}

/** The strings a test runs on: the field's values, or the event's keyword texts. */
function source(field: string, cased: boolean): (c: EvalContext) => string[] | null {
  if (field === '') return cased ? (c) => c.keywords() : (c) => c.keywordsLower();
  const slot = fieldSlot(field);
  return cased
    ? (c) => {
        const fv = c.field(slot);
        return fv.present && !fv.isNull ? fv.strs : null;
      }
    : (c) => {
        const fv = c.field(slot);
        return fv.present && !fv.isNull ? fv.lower() : null;
      };
}

const some = (arr: string[], t: StrTest): boolean => {
  for (const s of arr) if (t(s)) return true;
  return false;
};

/** Compile one map entry of a selection. */
export function compileItem(key: string, value: unknown): CompiledItem {
  const [rawField, ...rawMods] = key.split('|');
  const field = rawField!;
  let mods = rawMods.map((m) => m.trim());
  for (const m of mods) {
    const why = UNSUPPORTED[m];
    if (why !== undefined) throw new RuleError(`'${key}': ${why}`);
    if (!TYPE_MODS.has(m) && !TRANSFORMS.has(m) && !FLAGS.has(m) && !RE_FLAGS.has(m)) throw new RuleError(`'${key}': unknown modifier '${m}'`);
  }
  const types = mods.filter((m) => TYPE_MODS.has(m));
  if (types.length > 1) throw new RuleError(`'${key}': modifiers ${types.join(' and ')} cannot be combined`);
  const type = types[0] ?? null;
  const values = scalars(key, value);
  const all = mods.includes('all');
  const cased = mods.includes('cased');
  const neq = mods.includes('neq');
  const fields = field === '' ? [] : [field];

  if (type !== 're') for (const m of mods) if (RE_FLAGS.has(m)) throw new RuleError(`'${key}': '${m}' is a sub-modifier of re`);
  if (neq && type !== null && type !== 'fieldref') throw new RuleError(`'${key}': neq cannot be combined with ${type}`);
  if (field === '' && type !== null && type !== 're') throw new RuleError(`'${key}': the ${type} modifier needs a field`);

  if (type === 'exists') return existsItem(key, field, values);
  if (type === 'fieldref') return fieldrefItem(key, field, values, mods, cased, neq, all);
  const src = source(field, cased || type === 're');
  if (type === 're') return regexItem(key, src, values, mods, all, fields);
  if (type === 'cidr') return cidrItem(key, src, values, all, fields);
  if (type !== null) return compareItem(key, src, type, values, all, fields);

  // Keywords search the event's texts: a plain keyword is found anywhere in them.
  if (field === '' && !mods.some((m) => POSITION_MODS.has(m))) mods = ['contains', ...mods];
  return stringItem(key, field, src, values, mods, { all, cased, neq }, fields);
}

function stringItem(
  key: string,
  field: string,
  src: (c: EvalContext) => string[] | null,
  values: Scalar[],
  mods: string[],
  flags: { all: boolean; cased: boolean; neq: boolean },
  fields: string[],
): CompiledItem {
  let acceptNull = false;
  let perValue: Part[][][] = [];
  for (const v of values) {
    if (v === null) acceptNull = true;
    else perValue.push([typeof v === 'string' ? parseSigmaString(v) : literalParts(String(v))]);
  }
  let enc: Encoding = 'utf8';
  for (const m of mods) {
    if (m === 'contains') perValue = perValue.map((alts) => alts.map((a) => joinParts([STAR], a, [STAR])));
    else if (m === 'startswith') perValue = perValue.map((alts) => alts.map((a) => joinParts(a, [STAR])));
    else if (m === 'endswith') perValue = perValue.map((alts) => alts.map((a) => joinParts([STAR], a)));
    else if (m === 'windash') perValue = perValue.map((alts) => alts.flatMap(windashAlts));
    else if (m === 'base64') perValue = perValue.map((alts) => alts.flatMap((a) => base64Alts(a, enc)));
    else if (m === 'base64offset') perValue = perValue.map((alts) => alts.flatMap((a) => base64OffsetAlts(a, enc)));
    else if (m === 'wide' || m === 'utf16le') enc = 'utf16le';
    else if (m === 'utf16be' || m === 'utf16') enc = m;
  }
  const slot = field === '' ? -1 : fieldSlot(field);
  const nullOk: Pred =
    slot < 0
      ? () => false
      : (c) => {
          const fv = c.field(slot);
          return !fv.present || fv.isNull;
        };
  if (perValue.length === 0) return { pred: nullOk, fields, cost: 1 };
  const cost = perValue.reduce((n, alts) => n + testCost(alts), 0);

  if (flags.neq) {
    const t = buildStrTest(perValue.flat(), flags.cased);
    return { pred: (c) => { const arr = src(c); return arr === null || !some(arr, t); }, fields, cost };
  }
  if (flags.all && perValue.length > 1) {
    const tests = perValue.map((alts) => buildStrTest(alts, flags.cased));
    if (acceptNull) throw new RuleError(`'${key}': null cannot be combined with other values under the all modifier`);
    // Every value must match, so any one value's alternatives guard the item.
    const guards = flags.cased || slot < 0 ? [] : perValue.map((alts) => guardOfAlts(slot, alts)).filter((g) => g !== null);
    return {
      pred: (c) => {
        const arr = src(c);
        if (arr === null) return false;
        for (const t of tests) if (!some(arr, t)) return false;
        return true;
      },
      fields,
      cost,
      guard: guards[0] ?? null,
    };
  }
  const t = buildStrTest(perValue.flat(), flags.cased);
  // The common case (a field, case-insensitive) reads the field inline: this is the hot path.
  const pred: Pred =
    slot >= 0 && !flags.cased
      ? (c) => {
          const fv = c.field(slot);
          if (!fv.present || fv.isNull) return false;
          const arr = fv.lower();
          return arr.length === 1 ? t(arr[0]!) : some(arr, t);
        }
      : (c) => {
          const arr = src(c);
          if (arr === null) return false;
          return arr.length === 1 ? t(arr[0]!) : some(arr, t);
        };
  const guard = acceptNull || flags.cased || slot < 0 ? null : guardOfAlts(slot, perValue.flat());
  return { pred: acceptNull ? (c) => nullOk(c) || pred(c) : pred, fields, cost, guard };
}

function existsItem(key: string, field: string, values: Scalar[]): CompiledItem {
  const v = values.length === 1 ? values[0] : undefined;
  const want = v === true || v === 'true' ? true : v === false || v === 'false' ? false : null;
  if (want === null) throw new RuleError(`'${key}': exists takes true or false`);
  const slot = fieldSlot(field);
  return { pred: (c) => c.field(slot).present === want, fields: [field], cost: 1 };
}

/** `re` with sub-modifiers i, m, s; a leading inline `(?ims)` group is turned into flags. */
function regexItem(key: string, src: (c: EvalContext) => string[] | null, values: Scalar[], mods: string[], all: boolean, fields: string[]): CompiledItem {
  for (const m of mods) if (POSITION_MODS.has(m) || m === 'windash' || m.startsWith('base64')) throw new RuleError(`'${key}': ${m} cannot be combined with re`);
  const base = new Set(mods.filter((m) => RE_FLAGS.has(m)));
  const res = values.map((v) => {
    if (typeof v !== 'string') throw new RuleError(`'${key}': a regular expression must be a string`);
    let pattern = v;
    const flags = new Set(base);
    const inline = /^\(\?([ims]+)\)/.exec(pattern);
    if (inline) {
      for (const f of inline[1]!) flags.add(f);
      pattern = pattern.slice(inline[0].length);
    }
    try {
      return new RegExp(pattern, [...flags].join(''));
    } catch (e) {
      throw new RuleError(`'${key}': invalid regular expression /${v}/: ${(e as Error).message}`);
    }
  });
  const test = (arr: string[], r: RegExp): boolean => {
    for (const s of arr) if (r.test(s)) return true;
    return false;
  };
  const pred: Pred = all
    ? (c) => { const arr = src(c); return arr !== null && res.every((r) => test(arr, r)); }
    : (c) => { const arr = src(c); return arr !== null && res.some((r) => test(arr, r)); };
  return { pred, fields, cost: 6 * res.length };
}

function cidrItem(key: string, src: (c: EvalContext) => string[] | null, values: Scalar[], all: boolean, fields: string[]): CompiledItem {
  let ranges: Cidr[];
  try {
    ranges = values.map((v) => parseCidr(String(v)));
  } catch (e) {
    throw new RuleError(`'${key}': ${(e as Error).message}`);
  }
  const pred: Pred = (c) => {
    const arr = src(c);
    if (arr === null) return false;
    const ips = arr.map(parseIp).filter((x) => x !== null);
    const hit = (r: Cidr): boolean => ips.some((ip) => inCidr(ip, r));
    return all ? ranges.every(hit) : ranges.some(hit);
  };
  return { pred, fields, cost: 6 };
}

function toNumber(s: string): number {
  const t = s.trim();
  return t === '' ? NaN : Number(t);
}

function compareItem(key: string, src: (c: EvalContext) => string[] | null, type: string, values: Scalar[], all: boolean, fields: string[]): CompiledItem {
  const limits = values.map((v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? toNumber(v) : NaN;
    if (Number.isNaN(n)) throw new RuleError(`'${key}': ${type} needs a number`);
    return n;
  });
  const cmp: (a: number, b: number) => boolean =
    type === 'gt' ? (a, b) => a > b : type === 'gte' ? (a, b) => a >= b : type === 'lt' ? (a, b) => a < b : (a, b) => a <= b;
  const pred: Pred = (c) => {
    const arr = src(c);
    if (arr === null) return false;
    const nums = arr.map(toNumber).filter((n) => !Number.isNaN(n));
    const hit = (lim: number): boolean => nums.some((n) => cmp(n, lim));
    return all ? limits.every(hit) : limits.some(hit);
  };
  return { pred, fields, cost: 3 };
}

function fieldrefItem(key: string, field: string, values: Scalar[], mods: string[], cased: boolean, neq: boolean, all: boolean): CompiledItem {
  if (field === '') throw new RuleError(`'${key}': fieldref needs a field`);
  const bad = mods.find((m) => TRANSFORMS.has(m) && !POSITION_MODS.has(m));
  if (bad !== undefined) throw new RuleError(`'${key}': ${bad} cannot be combined with fieldref`);
  const op = mods.includes('contains') ? 'contains' : mods.includes('startswith') ? 'starts' : mods.includes('endswith') ? 'ends' : 'eq';
  const slot = fieldSlot(field);
  const refs = values.map((v) => {
    if (typeof v !== 'string' || v === '') throw new RuleError(`'${key}': fieldref takes field names`);
    return { name: v, slot: fieldSlot(v) };
  });
  const strs = (fv: FieldVal): string[] => (cased ? fv.strs : fv.lower());
  const same = (a: string, b: string): boolean =>
    op === 'eq' ? a === b : op === 'contains' ? a.includes(b) : op === 'starts' ? a.startsWith(b) : a.endsWith(b);
  const hit = (c: EvalContext, refSlot: number): boolean => {
    const fv = c.field(slot);
    const rv = c.field(refSlot);
    if (!fv.present || fv.isNull || !rv.present || rv.isNull) return false;
    const bs = strs(rv);
    return strs(fv).some((a) => bs.some((b) => same(a, b)));
  };
  const anyHit: Pred = all ? (c) => refs.every((r) => hit(c, r.slot)) : (c) => refs.some((r) => hit(c, r.slot));
  return { pred: neq ? (c) => !anyHit(c) : anyHit, fields: [field, ...refs.map((r) => r.name)], cost: 5 };
}
