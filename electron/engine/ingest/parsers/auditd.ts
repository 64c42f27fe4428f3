import type { DetectSample, Line, LineParser, LineParseState, ParseContext, ParsedEvent, ParseSink } from '../types';
import { fractionOf, isBlank, lineFlags, lineWhere, looksLikeIp, setAttr } from './common';
import { parseAuditLine, type AuditRecord } from './auditd-record';
import { renderFields } from './render';

/**
 * Linux audit logs. The records of one event share `audit(time:serial)`; they are mostly
 * adjacent but can interleave with other events' records, so groups stay open until an
 * EOE record, until WINDOW lines pass without a new record for them, or until too many
 * are open. Events come out in the order their first record appeared.
 *
 * Origin: `offset` is the first record's line; `length` spans to the end of the last
 * record's line when the records are contiguous, else covers the first line only.
 * `attrs.lines` lists every record's line offset.
 */

const WINDOW = 64;
const MAX_OPEN = 256;
const UNSET = new Set(['4294967295', '-1', 'unset']);
/** Records that describe details of a syscall rather than the event itself. */
const AUXILIARY = new Set(['PROCTITLE', 'CWD', 'PATH', 'EXECVE', 'SOCKADDR', 'BPRM_FCAPS', 'OBJ_PID', 'MMAP', 'FD_PAIR']);

interface Group {
  records: AuditRecord[];
  lines: Line[];
  flags: number;
  lastLine: number;
  done: boolean;
}

const isName = (v: string | undefined): v is string => v !== undefined && !UNSET.has(v) && !/^\d+$/.test(v);
const isId = (v: string | undefined): v is string => v !== undefined && !UNSET.has(v);

function findField(records: AuditRecord[], key: string): string | undefined {
  for (const r of records) {
    const v = r.fields.get(key);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Interpreted names first (enriched AUID=, auid=vagrant), then the account, then ids. */
function userOf(records: AuditRecord[]): string | null {
  const AUID = findField(records, 'AUID'), auid = findField(records, 'auid');
  if (isName(AUID)) return AUID;
  if (isName(auid)) return auid;
  const acct = findField(records, 'acct');
  if (acct !== undefined) return acct;
  if (isId(auid)) return auid;
  const UID = findField(records, 'UID'), uid = findField(records, 'uid');
  if (isName(UID)) return UID;
  return isId(uid) ? uid : null;
}

function outcomeOf(records: AuditRecord[]): string | null {
  const success = findField(records, 'success');
  if (success !== undefined) return success === 'yes' ? 'success' : 'failure';
  const res = findField(records, 'res');
  if (res === undefined) return null;
  const v = res.toLowerCase();
  return v === 'yes' || v === '1' || v.startsWith('suc') ? 'success' : 'failure';
}

/** The object of the event: the first non-parent PATH name, else the executable or a name. */
function resourceOf(records: AuditRecord[]): string | null {
  let firstPath: string | null = null;
  for (const r of records) {
    const name = r.fields.get('name');
    if (r.type !== 'PATH' || name === undefined) continue;
    if (r.fields.get('nametype') !== 'PARENT') return name;
    firstPath ??= name;
  }
  return firstPath ?? findField(records, 'exe') ?? findField(records, 'name') ?? findField(records, 'cmd') ?? null;
}

/**
 * `TYPE.key` attribute names, cached: the same few hundred names repeat on every event,
 * and reusing one string per name saves building and hashing it each time.
 */
const keyCache = new Map<string, Map<string, string>>();
function attrKey(prefix: string, k: string): string {
  let m = keyCache.get(prefix);
  if (m === undefined) {
    if (keyCache.size > 1000) keyCache.clear();
    m = new Map();
    keyCache.set(prefix, m);
  }
  let key = m.get(k);
  if (key === undefined) {
    key = `${prefix}.${k}`;
    if (m.size < 1000) m.set(k, key);
  }
  return key;
}

/** connect, sendto, sendmsg: by name when interpreted, by number on x86_64. */
const OUTBOUND_NAMES = new Set(['connect', 'sendto', 'sendmsg']);
const OUTBOUND_X86_64 = new Set(['42', '44', '46']);
function isOutbound(r: AuditRecord): boolean {
  const sc = r.fields.get('syscall');
  if (sc === undefined) return false;
  const arch = r.fields.get('arch');
  return OUTBOUND_NAMES.has(sc) || ((arch === 'c000003e' || arch === 'x86_64') && OUTBOUND_X86_64.has(sc));
}

function toEvent(g: Group): ParsedEvent {
  const { records, lines } = g;
  const primary = records.find((r) => r.type === 'SYSCALL') ?? records.find((r) => !AUXILIARY.has(r.type)) ?? records[0]!;
  const attrs: Record<string, unknown> = {};
  const seen = new Map<string, number>();
  for (const r of records) {
    const n = seen.get(r.type) ?? 0;
    seen.set(r.type, n + 1);
    const prefix = n === 0 ? r.type : `${r.type}[${n}]`;
    for (const [k, v] of r.fields) setAttr(attrs, attrKey(prefix, k), v);
  }
  attrs.records = records.map((r) => r.type);
  attrs.sequence = primary.serial;
  attrs.lines = lines.map((l) => l.offset);
  const tags = records.find((r) => r.tags !== null)?.tags;
  if (tags) attrs.tags = tags;
  const syscall = primary.type === 'SYSCALL' ? primary.fields.get('syscall') : undefined;
  // SOCKADDR holds the socket call's address: the peer for connect/send calls (a
  // destination), so it never fills src_ip; `addr=` of user-space records is the client.
  const addr = findField(records.filter((r) => r.type !== 'SOCKADDR'), 'addr');
  const sock = records.find((r) => r.type === 'SOCKADDR')?.fields.get('addr');
  let contiguous = true;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.offset !== lines[i - 1]!.offset + lines[i - 1]!.length) contiguous = false;
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  let message = `${[...seen.keys()].join('+')} ${renderFields(primary.fields, 600)}`;
  const title = findField(records, 'proctitle');
  if (title !== undefined && primary.type !== 'PROCTITLE') message += ` proctitle=${JSON.stringify(title)}`;
  return {
    ts: primary.us,
    ts_desc: primary.us === null ? null : 'audit time',
    host: records.find((r) => r.node !== null)?.node ?? findField(records, 'node') ?? null,
    user: userOf(records),
    action: syscall !== undefined && !/^\d+$/.test(syscall) ? syscall : primary.type,
    outcome: outcomeOf(records),
    src_ip: addr !== undefined && looksLikeIp(addr) ? addr : null,
    dst_ip: sock !== undefined && isOutbound(primary) ? sock : null,
    resource: resourceOf(records),
    severity: null,
    message,
    attrs,
    offset: first.offset,
    length: contiguous ? last.offset + last.length - first.offset : first.length,
    flags: g.flags,
  };
}

function create(ctx: ParseContext): LineParseState {
  const open = new Map<string, Group>();
  const flushHead = (sink: ParseSink, lineNo: number, all: boolean): void => {
    for (const [key, g] of open) {
      if (!(all || g.done || lineNo - g.lastLine > WINDOW || open.size > MAX_OPEN)) break;
      open.delete(key);
      if (g.records.length > 0) sink.event(toEvent(g));
    }
  };
  return {
    line(l: Line, sink: ParseSink): void {
      if (isBlank(l.text)) return;
      const rec = parseAuditLine(l.text, ctx.timezone);
      if (typeof rec === 'string') {
        sink.skip(lineWhere(l), rec);
        return;
      }
      const id = `${rec.node ?? ''}|${rec.eventKey}`;
      let g = open.get(id);
      if (g === undefined) {
        g = { records: [], lines: [], flags: 0, lastLine: l.lineNo, done: false };
        open.set(id, g);
      }
      g.lines.push(l);
      g.flags |= lineFlags(l, sink);
      g.lastLine = l.lineNo;
      if (rec.type === 'EOE') g.done = true;
      else g.records.push(rec);
      if (rec.standalone && g.records.length === 1) g.done = true;
      flushHead(sink, l.lineNo, false);
    },
    end(sink: ParseSink): void {
      flushHead(sink, Number.MAX_SAFE_INTEGER, true);
    },
  };
}

const AUDIT_LINE = /^(?:node=\S+ )?type=[A-Za-z0-9_]+ msg=audit\(/;

export const auditdParser: LineParser = {
  kind: 'lines',
  id: 'auditd',
  label: 'Linux audit log (auditd)',
  detect(sample: DetectSample): number {
    const f = fractionOf(sample.lines, (l) => AUDIT_LINE.test(l));
    return f >= 0.5 ? 0.7 + 0.28 * f : f * 0.5;
  },
  create,
};
