import type { AuditEvent } from '../../../shared/model';
import type { Detector } from '../../../electron/engine/export/mask';

/** The matched substrings, in order, so tables read as plain text. */
export const found = (detect: Detector, text: string): string[] => detect(text).map((s) => text.slice(s.start, s.end));

export function event(over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 1,
    ts: '2024-01-15T10:22:33.123456Z',
    ts_desc: 'Event Time',
    source_id: 1,
    format: 'syslog3164',
    host: null,
    user: null,
    action: null,
    outcome: null,
    src_ip: null,
    dst_ip: null,
    resource: null,
    severity: null,
    message: '',
    attrs: {},
    origin: { sha256: 'ab'.repeat(32), file: 'auth.log', offset: 0, length: 10, record: null },
    ...over,
  };
}
