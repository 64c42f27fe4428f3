import { useEffect, useState, type RefObject } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { KeyValueList, type KeyValue } from '../../components/KeyValueList';
import { errorText } from '../../lib/errors';
import { count, utc } from '../../lib/format';
import { AnnotationPanel } from '../investigation/AnnotationPanel';
import type { useAnnotation } from '../investigation/use-annotation';
import { EventContext } from './EventContext';

type FullEvent = MethodOutput<'event.get'>;

interface Props {
  id: number;
  annotation: ReturnType<typeof useAnnotation>;
  tagRef: RefObject<HTMLInputElement | null>;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  knownTags: string[];
  onClose: () => void;
  onSelect: (id: number) => void;
  onFilter: (field: string, value: string) => void;
  /** List the events closest in meaning to this one. */
  onSimilar: (id: number) => void;
  /** Show the events of one log template ("group similar"). */
  onTemplate: (templateId: number) => void;
}

function attrValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const FIELDS: [keyof FullEvent & string, string, boolean?][] = [
  ['ts_desc', 'Time means'],
  ['format', 'Format'],
  ['host', 'Host'],
  ['user', 'User'],
  ['action', 'Action'],
  ['outcome', 'Outcome'],
  ['src_ip', 'Source IP', true],
  ['dst_ip', 'Destination IP', true],
  ['resource', 'Resource'],
  ['severity', 'Severity'],
];

function fieldItems(ev: FullEvent, onFilter: Props['onFilter']): KeyValue[] {
  const items: KeyValue[] = [{ key: 'Time (UTC)', value: ev.ts ? utc(ev.ts) : null, mono: true }];
  for (const [field, label, mono] of FIELDS) {
    const v = ev[field] as string | null;
    items.push({
      key: label,
      mono,
      value:
        v === null ? null : (
          <button type="button" className="link value-filter" onClick={() => onFilter(field, v)} title={`Filter: ${field} is this value`}>
            {v}
          </button>
        ),
    });
  }
  items.push({ key: 'Message', value: ev.message });
  return items;
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

/** Everything known about one event, down to the exact original bytes, and the analyst's work on it. */
export function EventDetail({ id, annotation, tagRef, noteRef, knownTags, onClose, onSelect, onFilter, onSimilar, onTemplate }: Props) {
  const client = useClient();
  const [ev, setEv] = useState<FullEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showContext, setShowContext] = useState(false);

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

  const starred = annotation.annotation?.starred ?? false;
  const attrs = ev ? Object.keys(ev.attrs).sort() : [];
  return (
    <section className="detail" data-testid="event-detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <button
          type="button"
          className={starred ? 'star on' : 'star'}
          data-testid="star-button"
          aria-pressed={starred}
          disabled={!annotation.annotation}
          onClick={() => void annotation.star(!starred)}
          title={starred ? 'Unstar (s)' : 'Star (s)'}
        >
          {starred ? '★' : '☆'}
        </button>
        <h2 id="detail-title">Event #{id}</h2>
        <button type="button" className="secondary small" onClick={() => onSimilar(id)} data-testid="find-similar" title="Events whose message is closest in meaning (semantic index)">
          Find similar
        </button>
        <button type="button" className="secondary small" onClick={onClose} aria-label="Close event detail">
          Close
        </button>
      </div>
      <AnnotationPanel state={annotation} tagRef={tagRef} noteRef={noteRef} knownTags={knownTags} />
      <ErrorMessage text={error} />
      {!ev && !error && <p className="muted">Loading…</p>}
      {ev && (
        <>
          <h3>Original record</h3>
          <pre className="raw" data-testid="event-raw">
            {ev.raw}
          </pre>
          {ev.rawTruncated && <p className="muted small">Shown truncated; the evidence file holds the full record.</p>}
          <KeyValueList items={originItems(ev)} />
          <div className="context-head">
            <h3>Context in the same file</h3>
            <button type="button" className="secondary small" onClick={() => setShowContext((s) => !s)} aria-expanded={showContext} data-testid="show-context">
              {showContext ? 'Hide context' : 'Show context'}
            </button>
          </div>
          {showContext && <EventContext id={id} onSelect={onSelect} />}
          <div className="context-head">
            <h3>Log template</h3>
            {ev.template && (
              <button type="button" className="secondary small" onClick={() => onTemplate(ev.template!.id)} data-testid="same-template" title={`Search template:${ev.template.id}`}>
                Same template ({count(ev.template.events)})
              </button>
            )}
          </div>
          {ev.template ? (
            <p className="template-text mono" data-testid="event-template" data-template-id={ev.template.id}>
              {ev.template.template || '(empty message)'}
            </p>
          ) : (
            <p className="muted small">None: this event was not grouped (its import’s receipt says why).</p>
          )}
          <h3>Fields</h3>
          <KeyValueList items={fieldItems(ev, onFilter)} />
          <h3>Original fields</h3>
          {attrs.length > 0 ? (
            <KeyValueList items={attrs.map((k) => ({ key: k, value: attrValue(ev.attrs[k]), mono: true }))} />
          ) : (
            <p className="muted small">None beyond the normalized fields.</p>
          )}
        </>
      )}
    </section>
  );
}
