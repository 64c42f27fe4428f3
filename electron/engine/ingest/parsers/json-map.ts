import type { ParsedEvent } from '../types';
import { epochToUs, parseEpochString, parseIso } from '../time';
import { looksLikeIp } from './common';
import { isCloudTrailRecord, mapCloudTrail } from './cloudtrail-map';
import { flattenInto } from './flatten';
import { renderFields } from './render';
import { sniffTime } from './text-time';

/**
 * Candidate source fields per normalized field, ECS names first, then common spellings.
 * Matching is exact first and then case-insensitive on the flattened (dotted) key.
 */
const TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 'date', 'datetime', 'eventTime', 'event.created', 'created_at', 't'];
const FIELDS = {
  host: ['host.name', 'host.hostname', 'hostname', 'host', 'computer_name', 'Computer', 'agent.hostname'],
  user: ['user.name', 'user', 'username', 'userName', 'user_name', 'user.id', 'account'],
  action: ['event.action', 'action', 'event', 'eventName', 'event_type', 'type', 'method', 'http.request.method'],
  outcome: ['event.outcome', 'outcome', 'result'],
  src_ip: ['source.ip', 'client.ip', 'src_ip', 'source_ip', 'srcip', 'src', 'sourceIPAddress', 'remote_addr', 'client_ip', 'ip'],
  dst_ip: ['destination.ip', 'server.ip', 'dst_ip', 'dest_ip', 'destination_ip', 'dstip', 'dst'],
  resource: ['url.path', 'file.path', 'url.original', 'resource', 'path', 'object', 'url', 'uri'],
  severity: ['log.level', 'level', 'severity', 'loglevel', 'log_level', 'event.severity', 'priority'],
} as const;
const MESSAGE_KEYS = ['message', 'msg', 'log', 'event.original', 'text'];

type Lookup = (keys: readonly string[]) => string | undefined;

function lookupIn(attrs: Record<string, unknown>): Lookup {
  let lower: Map<string, string> | null = null;
  return (keys) => {
    for (const k of keys) if (Object.hasOwn(attrs, k) && attrs[k] !== null && attrs[k] !== '') return k;
    if (lower === null) {
      lower = new Map();
      for (const k of Object.keys(attrs)) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
    }
    for (const k of keys) {
      const orig = lower.get(k.toLowerCase());
      if (orig !== undefined && attrs[orig] !== null && attrs[orig] !== '') return orig;
    }
    return undefined;
  };
}

/** A time from a JSON value: ISO strings (zone for offset-less ones), epochs by magnitude, other shapes best effort. */
export function timeFromValue(v: unknown, zone: string): number | null {
  if (typeof v === 'number') return epochToUs(v);
  if (typeof v !== 'string' || v === '') return null;
  return parseIso(v, zone) ?? parseEpochString(v) ?? sniffTime(v, zone);
}

const scalar = (v: unknown): string | null => {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
};

/**
 * Normalize one JSON object (a JSON line or an element of a JSON array). CloudTrail records
 * get the CloudTrail mapping; anything else the ECS-style mapping. All fields are kept in
 * attrs, flattened, except the one used as the message.
 */
export function mapJsonObject(obj: Record<string, unknown>, zone: string): ParsedEvent {
  if (isCloudTrailRecord(obj)) return mapCloudTrail(obj);
  const attrs: Record<string, unknown> = {};
  flattenInto(attrs, obj);
  const find = lookupIn(attrs);
  let ts: number | null = null;
  let tsDesc: string | null = null;
  const tk = find(TIME_KEYS);
  if (tk !== undefined) {
    ts = timeFromValue(attrs[tk], zone);
    if (ts !== null) tsDesc = tk;
  }
  const pick = (keys: readonly string[]): string | null => {
    const k = find(keys);
    return k === undefined ? null : scalar(attrs[k]);
  };
  const src = pick(FIELDS.src_ip);
  const dst = pick(FIELDS.dst_ip);
  let message: string;
  const mk = find(MESSAGE_KEYS);
  if (mk !== undefined && typeof attrs[mk] === 'string') {
    message = attrs[mk] as string;
    delete attrs[mk];
  } else {
    message = renderFields(attrs);
  }
  return {
    ts,
    ts_desc: tsDesc,
    host: pick(FIELDS.host),
    user: pick(FIELDS.user),
    action: pick(FIELDS.action),
    outcome: pick(FIELDS.outcome),
    src_ip: src !== null && looksLikeIp(src) ? src : null,
    dst_ip: dst !== null && looksLikeIp(dst) ? dst : null,
    resource: pick(FIELDS.resource),
    severity: pick(FIELDS.severity),
    message,
    attrs,
  };
}
