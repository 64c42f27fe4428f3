import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { KeyValueList, type KeyValue } from '../../components/KeyValueList';
import { errorText } from '../../lib/errors';
import { utc } from '../../lib/format';

type FullEvent = MethodOutput<'event.get'>;

interface Props {
  id: number;
  onClose: () => void;
}

function attrValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function fieldItems(ev: FullEvent): KeyValue[] {
  return [
    { key: 'Time (UTC)', value: ev.ts ? utc(ev.ts) : null, mono: true },
    { key: 'Time means', value: ev.ts_desc },
    { key: 'Format', value: ev.format },
    { key: 'Host', value: ev.host },
    { key: 'User', value: ev.user },
    { key: 'Action', value: ev.action },
    { key: 'Outcome', value: ev.outcome },
    { key: 'Source IP', value: ev.src_ip, mono: true },
    { key: 'Destination IP', value: ev.dst_ip, mono: true },
    { key: 'Resource', value: ev.resource },
    { key: 'Severity', value: ev.severity },
    { key: 'Message', value: ev.message },
  ];
}

function originItems(ev: FullEvent): KeyValue[] {
  const o = ev.origin;
  const bytesAt = o.offset === null ? null : o.length === null ? `${o.offset}` : `${o.offset} (${o.length} bytes)`;
  return [
    { key: 'File', value: o.file, mono: true },
    { key: 'SHA-256', value: o.sha256, mono: true },
    { key: 'Byte offset', value: bytesAt, mono: true },
    { key: 'Record', value: o.record, mono: true },
  ];
}

/** Everything known about one event, down to the exact original bytes it was parsed from. */
export function EventDetail({ id, onClose }: Props) {
  const client = useClient();
  const [ev, setEv] = useState<FullEvent | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // A slow answer for a previously clicked row must not replace the current one.
    let current = true;
    setEv(null);
    setError(null);
    client.call('event.get', { id }).then(
      (value) => current && setEv(value),
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, id]);

  const attrs = ev ? Object.keys(ev.attrs).sort() : [];
  return (
    <aside className="panel detail" data-testid="event-detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <h2 id="detail-title">Event #{id}</h2>
        <button type="button" className="secondary" onClick={onClose} aria-label="Close event detail">
          Close
        </button>
      </div>
      <ErrorMessage text={error} />
      {!ev && !error && <p className="muted">Loading…</p>}
      {ev && (
        <>
          <h3>Fields</h3>
          <KeyValueList items={fieldItems(ev)} />
          <h3>Attributes</h3>
          {attrs.length > 0 ? (
            <KeyValueList items={attrs.map((k) => ({ key: k, value: attrValue(ev.attrs[k]), mono: true }))} />
          ) : (
            <p className="muted">None.</p>
          )}
          <h3>Origin</h3>
          <KeyValueList items={originItems(ev)} />
          <h3>Original text</h3>
          <pre className="raw" data-testid="event-raw">
            {ev.raw}
          </pre>
          {ev.rawTruncated && <p className="muted small">Shown truncated; the evidence file holds the full record.</p>}
        </>
      )}
    </aside>
  );
}
