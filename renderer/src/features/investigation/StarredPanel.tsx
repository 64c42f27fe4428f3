import { useEffect, useState } from 'react';
import type { AuditEvent } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { utc } from '../../lib/format';

interface Props {
  starredIds: number[];
  total: number;
  onSelect: (id: number) => void;
  onShowAll: () => void;
}

const SHOWN = 30;

/** The starred events, newest star first as the engine lists them; a click opens one. */
export function StarredPanel({ starredIds, total, onSelect, onShowAll }: Props) {
  const client = useClient();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const key = starredIds.slice(0, SHOWN).join(',');

  useEffect(() => {
    let current = true;
    const ids = key ? key.split(',').map(Number) : [];
    Promise.all(ids.map((id) => client.call('event.get', { id }))).then(
      (evs) => current && setEvents(evs),
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, key]);

  if (error) return <ErrorMessage text={error} />;
  if (total === 0) return <p className="muted small">No starred events. Press s on an event to star it.</p>;
  return (
    <div data-testid="starred-list">
      <ul className="mini-list">
        {events.map((ev) => (
          <li key={ev.id}>
            <button type="button" className="mini-row" onClick={() => onSelect(ev.id)} title={ev.message.slice(0, 500)}>
              <span className="mono muted">{ev.ts ? utc(ev.ts).slice(0, 19) : '—'}</span>
              <span className="mini-msg">{ev.message}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link" onClick={onShowAll}>
        List all {total} in the event list (is:starred)
      </button>
    </div>
  );
}
