import { randomBytes } from 'node:crypto';
import type { AuditEvent } from '../../../../shared/model';
import { detectAll, DETECTORS } from './detectors';
import { parseMaskPolicy, type MaskableField, type MaskPolicy, type MaskPolicyInput } from './policy';
import { KnownValues } from './known-values';
import { makeRenderer, TOKEN_HEX, type MaskTarget } from './render';
import { resolveOverlaps } from './spans';
import { DETECTOR_IDS, type DetectorId, type MaskMode } from './types';

export interface Masker {
  /** A masked deep copy; the input event is not modified. */
  maskEvent(e: AuditEvent): AuditEvent;
  /** Masks free text with the detectors and every field value learned so far. */
  maskText(s: string): string;
  /** Registers an event's masked-field values without masking it (a pre-pass, see `maskEvent`). */
  learn(e: AuditEvent): void;
  /** The effective policy for the signed predicate; never contains the key. */
  describe(): MaskDescription;
}

export interface MaskDescription {
  version: 1;
  policy: MaskPolicy;
  detectors: Record<DetectorId, { enabled: boolean; mode: MaskMode }>;
  pseudonym: { algorithm: 'HMAC-SHA-256'; key: 'random per export, not retained'; tokenHexChars: number };
}

/** Top-level string fields scanned for PII. `ts` and `format` are produced by the parser, not the log. */
const SCANNED_FIELDS = ['host', 'user', 'action', 'outcome', 'src_ip', 'dst_ip', 'resource', 'severity', 'ts_desc', 'message'] as const;

interface Known {
  value: string;
  target: MaskTarget;
  mode: MaskMode;
}

interface Hit {
  start: number;
  end: number;
  /** Lower sorts first on equal spans: an explicit field choice beats a detector's. */
  rank: number;
  render: (text: string) => string;
}

/** Below 128 bits a pseudonym key could be searched for; the default is 256 random bits. */
const MIN_KEY_BYTES = 16;

export function createMasker(policyInput: MaskPolicyInput, key: Buffer = randomBytes(32)): Masker {
  const policy = parseMaskPolicy(policyInput);
  if (key.length < MIN_KEY_BYTES) throw new Error(`mask key must be at least ${MIN_KEY_BYTES} bytes`);
  const render = makeRenderer(Buffer.from(key));
  const detectors = Object.fromEntries(
    DETECTOR_IDS.map((id) => [id, { enabled: policy.detectors[id]?.enabled ?? true, mode: policy.detectors[id]?.mode ?? policy.defaultMode }]),
  ) as MaskDescription['detectors'];
  const enabled = DETECTOR_IDS.filter((id) => detectors[id].enabled);

  // Field values seen so far; matched ignoring case, so `ALICE` in a message masks like `alice`.
  const known = new KnownValues<Known>();
  const targets = new Map<string, MaskTarget>();

  /** A value that is exactly one PII item (an IP in src_ip) masks as that kind, matching its hits in text. */
  function targetFor(field: string, value: string): MaskTarget {
    const memoKey = `${field}\0${value}`;
    let target = targets.get(memoKey);
    if (!target) {
      const id = DETECTOR_IDS.find((d) => {
        const hits = DETECTORS[d](value);
        return hits.length === 1 && hits[0]!.start === 0 && hits[0]!.end === value.length;
      });
      target = id ? { kind: id } : { kind: 'field', field };
      // Field values repeat across events (same user, same host); the memo only saves detector runs.
      if (targets.size >= 100_000) targets.clear();
      targets.set(memoKey, target);
    }
    return target;
  }

  function remember(field: string, value: string, mode: MaskMode): void {
    // Placeholders like `-` and one-letter values would mask half of every message.
    if (value.length < 2 || !/[A-Za-z0-9]/.test(value)) return;
    known.add(value, { value, target: targetFor(field, value), mode });
  }

  function leaves(v: unknown, visit: (s: string) => void): void {
    if (typeof v === 'string') visit(v);
    else if (typeof v === 'number' || typeof v === 'bigint') visit(String(v));
    else if (Array.isArray(v)) v.forEach((x) => leaves(x, visit));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => leaves(x, visit));
  }

  function learn(e: AuditEvent): void {
    for (const [f, mode] of Object.entries(policy.fields) as [MaskableField, MaskMode | undefined][]) {
      const v = e[f];
      if (mode && typeof v === 'string') remember(f, v, mode);
    }
    for (const [k, mode] of Object.entries(policy.attrs)) leaves(e.attrs[k], (s) => remember(k, s, mode));
  }

  function maskText(text: string): string {
    if (text.length === 0) return text;
    const hits: Hit[] = known.find(text).map(({ start, end, payload: k }) => ({
      start,
      end,
      rank: 0,
      render: () => render(k.target, k.mode, k.value),
    }));
    for (const s of detectAll(text, enabled)) {
      hits.push({ ...s, rank: 1, render: (v) => render({ kind: s.kind }, detectors[s.kind].mode, v) });
    }
    if (hits.length === 0) return text;
    let out = '';
    let pos = 0;
    for (const h of resolveOverlaps(hits)) {
      out += text.slice(pos, h.start) + h.render(text.slice(h.start, h.end));
      pos = h.end;
    }
    return out + text.slice(pos);
  }

  /** Strings inside attrs values at any depth; numbers too, since a card number may arrive as a JSON number. */
  function maskValue(v: unknown, whole?: { field: string; mode: MaskMode }): unknown {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') {
      const s = String(v);
      const masked = whole ? render(targetFor(whole.field, s), whole.mode, s) : maskText(s);
      return typeof v === 'string' || masked !== s ? masked : v;
    }
    if (Array.isArray(v)) return v.map((x) => maskValue(x, whole));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskValue(x, whole)]));
    return v;
  }

  function maskEvent(e: AuditEvent): AuditEvent {
    learn(e);
    const out: AuditEvent = { ...e, origin: { ...e.origin }, attrs: {} };
    for (const f of SCANNED_FIELDS) {
      const v = e[f];
      if (typeof v !== 'string') continue;
      const mode = (policy.fields as Partial<Record<string, MaskMode>>)[f];
      out[f] = mode ? render(targetFor(f, v), mode, v) : maskText(v);
    }
    for (const [k, v] of Object.entries(e.attrs)) {
      const mode = policy.attrs[k];
      out.attrs[k] = maskValue(v, mode ? { field: k, mode } : undefined);
    }
    return out;
  }

  function describe(): MaskDescription {
    return {
      version: 1,
      policy: structuredClone(policy),
      detectors: structuredClone(detectors),
      pseudonym: { algorithm: 'HMAC-SHA-256', key: 'random per export, not retained', tokenHexChars: TOKEN_HEX },
    };
  }

  return { maskEvent, maskText, learn, describe };
}
