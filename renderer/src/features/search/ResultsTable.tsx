import type { KeyboardEvent } from 'react';
import type { AuditEvent } from '../../../../shared/model';
import { utc } from '../../lib/format';

interface Props {
  events: AuditEvent[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}

export function ResultsTable({ events, selectedId, onSelect }: Props) {
  const onKey = (e: KeyboardEvent, id: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(id);
    }
  };
  return (
    <div className="results-scroll">
      <table className="results" aria-label="Search results">
        <thead>
          <tr>
            <th className="col-time">Time (UTC)</th>
            <th className="col-host">Host</th>
            <th className="col-user">User</th>
            <th className="col-action">Action</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {events.map((ev) => (
            <tr
              key={ev.id}
              data-testid="event-row"
              className={ev.id === selectedId ? 'selected' : undefined}
              aria-selected={ev.id === selectedId}
              tabIndex={0}
              onClick={() => onSelect(ev.id)}
              onKeyDown={(e) => onKey(e, ev.id)}
            >
              <td className="mono nowrap" title={ev.ts_desc ?? undefined}>
                {utc(ev.ts)}
              </td>
              <td className="ellipsis">{ev.host ?? ''}</td>
              <td className="ellipsis">{ev.user ?? ''}</td>
              <td className="ellipsis">{ev.action ?? ''}</td>
              <td className="message">{ev.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
