import type { ParsedEvent } from '../../types';
import { setAttr } from '../common';
import type { XmlElement, XmlNode, XmlValue } from './nodes';
import { timeMicros } from './times';

/**
 * A rendered event record as a Sealdesk event. System fields get fixed names
 * (`EventID`, `Provider_Name`, `Execution_ProcessID`, ...); every EventData `<Data
 * Name="X">` becomes attrs.X under its original name so Sigma rules match as written;
 * UserData is flattened with its element path (`LogFileCleared.SubjectUserName`) plus the
 * leaf name when that is unambiguous.
 */

export const TS_TIME_CREATED = 'event time (TimeCreated)';
const MESSAGE_MAX = 1000;
export const NUMERIC_SYSTEM = new Set(['EventID', 'Version', 'Level', 'Task', 'Opcode', 'EventRecordID', 'Execution_ProcessID', 'Execution_ThreadID']);
const LEVELS: Record<string, string> = { '0': 'information', '1': 'critical', '2': 'error', '3': 'warning', '4': 'information', '5': 'verbose' };
/** Keyword bits of the Security log, win:AuditFailure (bit 52) and win:AuditSuccess (bit 53), within their hex digit. */
const AUDIT_FAILURE = 0x1;
const AUDIT_SUCCESS = 0x2;

const isElement = (n: XmlNode): n is XmlElement => typeof n === 'object' && !Array.isArray(n);

/** An element's text: its text children joined, or the list when it holds only one list. */
export function textOf(el: XmlElement): XmlValue {
  let text = '';
  for (const c of el.children) {
    if (typeof c === 'string') text += c;
    else if (Array.isArray(c)) {
      if (el.children.length === 1) return c;
      text += c.join(' ');
    }
  }
  return text;
}

function numeric(v: XmlValue): XmlValue | number {
  if (typeof v !== 'string' || v.length === 0 || v.length > 15) return v;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return v;
  }
  return Number(v);
}

/**
 * `Element_Attribute` keys, built once: a key built anew per record would be hashed again
 * on every store. Bounded, since element names come from the file.
 */
const attrKeys = new Map<string, Map<string, string>>();
let attrKeyCount = 0;
export function attrKey(el: string, attr: string): string {
  let byAttr = attrKeys.get(el);
  let key = byAttr?.get(attr);
  if (key === undefined) {
    key = el === 'TimeCreated' && attr === 'SystemTime' ? 'TimeCreated' : `${el}_${attr}`;
    if (attrKeyCount < 4096) {
      if (!byAttr) attrKeys.set(el, (byAttr = new Map()));
      byAttr.set(attr, key);
      attrKeyCount++;
    }
  }
  return key;
}

/** A System field, as a number when `num` (its key is in NUMERIC_SYSTEM) and it reads as one. */
export function storeSystem(attrs: Record<string, unknown>, key: string, value: XmlValue, num: boolean): void {
  setAttr(attrs, key, num ? numeric(value) : value);
}

function mapSystem(sys: XmlElement, attrs: Record<string, unknown>): void {
  for (const c of sys.children) {
    if (!isElement(c)) continue;
    const text = textOf(c);
    if (text !== '') storeSystem(attrs, c.name, text, NUMERIC_SYSTEM.has(c.name));
    for (const [name, value] of c.attrs) {
      const key = attrKey(c.name, name);
      storeSystem(attrs, key, value, NUMERIC_SYSTEM.has(key));
    }
  }
}

/** A unique key: `base`, else `base_1`, `base_2`, ... */
export function freeKey(attrs: Record<string, unknown>, base: string): string {
  if (!Object.hasOwn(attrs, base)) return base;
  for (let i = 1; ; i++) if (!Object.hasOwn(attrs, `${base}_${i}`)) return `${base}_${i}`;
}

/** Nested elements flattened with dotted paths; leaves collected for the short names. */
function flattenElement(el: XmlElement, path: string, out: [string, unknown][]): void {
  for (const [name, value] of el.attrs) if (name !== 'xmlns' && !name.startsWith('xmlns:')) out.push([`${path}.${name}`, value]);
  const kids = el.children.filter(isElement);
  if (kids.length === 0) {
    const text = textOf(el);
    if (el.attrs.length === 0 || text !== '') out.push([path, text]);
    return;
  }
  for (const k of kids) flattenElement(k, `${path}.${k.name}`, out);
}

function dataName(el: XmlElement): string | null {
  for (const [n, v] of el.attrs) if (n === 'Name') return typeof v === 'string' ? v : v.join(' ');
  return null;
}

function hasElementChild(el: XmlElement): boolean {
  for (const c of el.children) if (isElement(c)) return true;
  return false;
}

/** `key=value ...` of the data fields, values quoted when they hold spaces, within `max`. */
function renderData(attrs: Record<string, unknown>, keys: string[], max: number): string {
  let out = '';
  for (const k of keys) {
    const v = attrs[k];
    if (v === '' || v === null || v === undefined) continue;
    let s = typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : String(v);
    // Long values (task XML, scripts) are cut before quoting: the message is a summary.
    if (s.length > max) s = s.slice(0, max);
    const sep = out === '' ? 0 : 1;
    // Quoting only lengthens a value: one too long as it is need not be looked at.
    if (out.length + sep + k.length + 1 + s.length > max) return `${out} …`;
    const q = needsQuotes(s) ? JSON.stringify(s) : s;
    if (out.length + sep + k.length + 1 + q.length > max) return `${out} …`;
    out += sep ? ` ${k}=${q}` : `${k}=${q}`;
  }
  return out;
}
/** Whitespace, a quote or a control character: a value holding one is quoted. */
const NEEDS_QUOTES = /[\u0000-\u0020"\u0085\u00a0\u2028\u2029\u3000]/;
/** Values up to this long are scanned by a loop: a regular expression call costs more than that. */
const SHORT_VALUE = 24;

/** Whether a code unit is one NEEDS_QUOTES matches. */
const quoteUnit = (c: number): boolean => c <= 0x20 || c === 0x22 || c === 0x85 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0x3000;

/** Whether a value needs quoting (a regular expression scans long values much faster than a loop). */
function needsQuotes(s: string): boolean {
  if (s.length > SHORT_VALUE) return NEEDS_QUOTES.test(s);
  for (let i = 0; i < s.length; i++) if (quoteUnit(s.charCodeAt(i))) return true;
  return false;
}

/** A data field under a unique key (see freeKey). */
export function storeData(attrs: Record<string, unknown>, data: string[], base: string, value: unknown): void {
  const key = freeKey(attrs, base);
  setAttr(attrs, key, value);
  data.push(key);
}

/** Flattened fields of one EventData element, under the keys they have (made unique by their base). */
export function storeNested(flat: [string, unknown][], attrs: Record<string, unknown>, data: string[]): void {
  for (const [k, v] of flat) {
    setAttr(attrs, k, v);
    data.push(k);
  }
}

/** Text directly under EventData (no Data element): stored as `EventData`, blank text ignored. */
export function storeEventDataText(c: XmlValue, attrs: Record<string, unknown>, data: string[]): void {
  const t = Array.isArray(c) ? c : c.trim();
  if (t.length !== 0) storeData(attrs, data, 'EventData', t);
}

function mapEventData(ed: XmlElement, attrs: Record<string, unknown>, data: string[]): void {
  for (const c of ed.children) {
    if (!isElement(c)) {
      storeEventDataText(c, attrs, data);
      continue;
    }
    const base = (c.name === 'Data' ? dataName(c) : null) ?? c.name;
    if (hasElementChild(c)) {
      const nested: [string, unknown][] = [];
      flattenElement(c, freeKey(attrs, base), nested);
      storeNested(nested, attrs, data);
      continue;
    }
    // A data name that repeats a System field (Channel, EventID...) must not hide it.
    storeData(attrs, data, base, textOf(c));
  }
}

function mapUserData(ud: XmlElement, attrs: Record<string, unknown>, data: string[]): void {
  const flat: [string, unknown][] = [];
  for (const c of ud.children) if (isElement(c)) flattenElement(c, c.name, flat);
  storeFlat(flat, attrs, data, true);
}

/**
 * Flattened fields under unique keys, as data fields; with `leaves` (UserData) also under
 * their leaf name when that is unambiguous and free.
 */
export function storeFlat(flat: [string, unknown][], attrs: Record<string, unknown>, data: string[], leaves: boolean): void {
  if (!leaves) {
    for (const [k, v] of flat) storeData(attrs, data, k, v);
    return;
  }
  const leafCount = new Map<string, number>();
  for (const [k] of flat) {
    const leaf = k.slice(k.lastIndexOf('.') + 1);
    leafCount.set(leaf, (leafCount.get(leaf) ?? 0) + 1);
  }
  for (const [k, v] of flat) storeData(attrs, data, k, v);
  for (const [k, v] of flat) {
    const leaf = k.slice(k.lastIndexOf('.') + 1);
    if (leaf !== k && leafCount.get(leaf) === 1 && !Object.hasOwn(attrs, leaf)) setAttr(attrs, leaf, v);
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' && v !== '-' ? v : null);

/** The account the event is about, when one field says so plainly. */
function userOf(a: Record<string, unknown>): string | null {
  return str(a.TargetUserName) ?? str(a.SubjectUserName) ?? str(a.User) ?? str(a.UserName) ?? str(a.AccountName);
}

function outcomeOf(keywords: unknown): string | null {
  // Bits 52 and 53 are the lowest two of the 14th hex digit from the right.
  if (typeof keywords !== 'string' || keywords.length < 16 || !keywords.startsWith('0x')) return null;
  const digit = parseInt(keywords[keywords.length - 14]!, 16);
  if (digit & AUDIT_FAILURE) return 'failure';
  if (digit & AUDIT_SUCCESS) return 'success';
  return null;
}

/** Where a record came from in the file. */
export interface RecordOrigin {
  index: number;
  offset: number;
  length: number;
}

/** An event's attributes, and the keys of its data fields in order (for the message). */
export interface EventFields {
  attrs: Record<string, unknown>;
  data: string[];
}

/** The fields of one record's root element (normally `<Event>`). */
export function mapFields(root: XmlElement): EventFields {
  const attrs: Record<string, unknown> = {};
  const data: string[] = [];
  for (const c of root.children) {
    if (!isElement(c)) continue;
    if (c.name === 'System') mapSystem(c, attrs);
    else if (c.name === 'EventData') mapEventData(c, attrs, data);
    else if (c.name === 'UserData') mapUserData(c, attrs, data);
    else {
      const flat: [string, unknown][] = [];
      flattenElement(c, c.name, flat);
      storeFlat(flat, attrs, data, false);
    }
  }
  return { attrs, data };
}

/** The event for a record's fields (see mapFields, and plan.ts for the compiled way to them). */
export function eventOf({ attrs, data }: EventFields, origin: RecordOrigin): ParsedEvent {
  const timeCreated = typeof attrs.TimeCreated === 'string' ? attrs.TimeCreated : null;
  const provider = typeof attrs.Provider_Name === 'string' ? attrs.Provider_Name : '';
  const eventId = attrs.EventID === undefined ? '' : String(attrs.EventID);
  const shortProvider = provider.startsWith('Microsoft-Windows-') ? provider.slice(18) : provider;
  const head = `EventID ${eventId}${provider ? ` · ${provider}` : ''}`;
  const fields = renderData(attrs, data, MESSAGE_MAX - head.length - 3);
  return {
    ts: timeCreated ? timeMicros(timeCreated) : null,
    ts_desc: timeCreated ? TS_TIME_CREATED : null,
    host: str(attrs.Computer),
    user: userOf(attrs),
    action: eventId === '' ? null : shortProvider ? `${shortProvider}:${eventId}` : eventId,
    outcome: outcomeOf(attrs.Keywords),
    severity: attrs.Level === undefined ? null : (LEVELS[String(attrs.Level)] ?? `level ${String(attrs.Level)}`),
    message: fields ? `${head} · ${fields}` : head,
    attrs,
    record: origin.index,
    offset: origin.offset,
    length: origin.length,
  };
}
