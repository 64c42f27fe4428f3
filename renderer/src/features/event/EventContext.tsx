import { useEffect, useState } from 'react';
import type { AuditEvent } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { utc } from '../../lib/format';

interface Props {
  id: number;
  onSelect: (id: number) => void;
}

const AROUND = 10;

/** The events just before and after this one in the same evidence file, in file order. */
export function EventContext({ id, onSelect }: Props) {
  const client = useClient();
  const [ctx, setCtx] = useState<{ before: AuditEvent[]; event: AuditEvent; after: AuditEvent[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setCtx(null);
    setError(null);
    client.call('event.context', { id, before: AROUND, after: AROUND }).then(
      (c) => current && setCtx(c),
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, id]);

  if (error) return <ErrorMessage text={error} />;
  if (!ctx) return <p className="muted small">Loading context…</p>;
  const rows = [...ctx.before, ctx.event, ...ctx.after];
  return (
    <ol className="context" data-testid="event-context">
      {ctx.before.length === 0 && <li className="muted small">Start of the file.</li>}
      {rows.map((ev) => (
        <li key={ev.id} className={ev.id === id ? 'current' : undefined}>
          <button type="button" className="context-row" onClick={() => onSelect(ev.id)} disabled={ev.id === id} title={`Event #${ev.id}`}>
            <span className="mono">{ev.ts ? utc(ev.ts).slice(11, 23) : '—'}</span>
            <span className="context-msg">{ev.message}</span>
          </button>
        </li>
      ))}
      {ctx.after.length === 0 && <li className="muted small">End of the file.</li>}
    </ol>
  );
}
