import { useState } from 'react';
import type { Finding } from '../../../../shared/schemas';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { plural, utc } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { severityClass, STATUS_TEXT, STATUSES, type FindingStatus } from './severity';

interface Props {
  finding: Finding;
  /** Its events are the ones in the list now. */
  showing: boolean;
  onChanged: (f: Finding) => void;
  onShowEvents: (f: Finding) => Promise<void>;
}

function isStatus(x: string): x is FindingStatus {
  return (STATUSES as string[]).includes(x);
}

/**
 * One finding. Title, explanation and remediation come from rules and the logs they
 * matched (hostile input): they are rendered as text only.
 */
export function FindingCard({ finding: f, showing, onChanged, onShowEvents }: Props) {
  const client = useClient();
  const save = useAction();
  const show = useAction();
  const [status, setStatus] = useState<FindingStatus>(f.status);
  const [note, setNote] = useState(f.note ?? '');
  const [editing, setEditing] = useState(false);
  const dirty = status !== f.status || note.trim() !== (f.note ?? '');

  const submit = () =>
    void save.run(async () => {
      onChanged(await client.call('finding.setStatus', { id: f.id, status, ...(note.trim() ? { note: note.trim() } : {}) }));
      setEditing(false);
    });

  return (
    <li className={`finding ${severityClass(f.severity)} status-${f.status}${showing ? ' showing' : ''}`} data-testid="finding" data-finding-id={f.id} data-status={f.status} data-severity={f.severity}>
      <div className="finding-head">
        <span className={`sev-badge ${severityClass(f.severity)}`} data-testid="finding-severity">
          {f.severity}
        </span>
        <strong className="finding-title" data-testid="finding-title">
          {f.title}
        </strong>
        <span className={`status-badge status-${f.status}`} data-testid="finding-status">
          {STATUS_TEXT[f.status]}
        </span>
      </div>
      <div className="muted small finding-meta">
        {plural(f.eventCount, 'event')} · {utc(f.firstTs)} → {utc(f.lastTs)}
        {f.ruleId && (
          <>
            {' '}
            · rule <span className="mono">{f.ruleId}</span>
          </>
        )}
      </div>
      <p className="finding-text">{f.explanation}</p>
      {f.remediation && (
        <p className="finding-text">
          <span className="muted">Remediation: </span>
          {f.remediation}
        </p>
      )}
      {f.note && (
        <p className="finding-note" data-testid="finding-note">
          <span className="muted">Note: </span>
          {f.note}
        </p>
      )}
      <div className="finding-actions">
        <button type="button" className="secondary small" onClick={() => void show.run(() => onShowEvents(f))} disabled={show.busy} data-testid="finding-show-events">
          {show.busy ? 'Loading…' : 'Show events'}
        </button>
        <select aria-label={`Status of finding ${f.id}`} value={status} onChange={(e) => isStatus(e.target.value) && setStatus(e.target.value)} data-testid="finding-status-select">
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_TEXT[s]}
            </option>
          ))}
        </select>
        {!dirty && !editing && (
          <button type="button" className="secondary small" onClick={() => setEditing(true)}>
            Note…
          </button>
        )}
      </div>
      {(dirty || editing) && (
        <div className="note-form">
          <textarea
            aria-label={`Note on finding ${f.id}`}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Why (recorded in the custody ledger)"
            data-testid="finding-note-input"
          />
          <button type="button" className="small" onClick={submit} disabled={save.busy} data-testid="finding-save">
            Save
          </button>
        </div>
      )}
      <ErrorMessage text={save.error ?? show.error} />
    </li>
  );
}
