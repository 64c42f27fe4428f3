import type { JobProgressEvent } from '../../../../shared/events';
import { ErrorMessage } from '../../components/ErrorMessage';
import { bytes, count } from '../../lib/format';
import type { FileStatus } from './use-import-job';

interface Props {
  progress: JobProgressEvent | null;
  files: FileStatus[];
  cancelling: boolean;
  cancelError?: string;
  onCancel: () => void;
}

const STATE_TEXT: Record<FileStatus['state'], string> = { receiving: 'hashing and copying', parsing: 'parsing', done: 'done' };

export function ImportProgress({ progress, files, cancelling, cancelError, onCancel }: Props) {
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : null;
  return (
    <div className="import-progress" aria-live="polite">
      <div className="progress-head">
        <span className="phase">{cancelling ? 'Cancelling…' : (progress?.phase ?? 'Starting…')}</span>
        {pct !== null && <span className="pct">{pct}%</span>}
      </div>
      {/* Without a known total the bar is indeterminate rather than stuck at 0%. */}
      <progress data-testid="import-progress" max={total > 0 ? total : undefined} value={total > 0 ? done : undefined} />
      <div className="progress-foot">
        <span className="muted">
          {total > 0 ? `${bytes(done)} of ${bytes(total)}` : done > 0 ? bytes(done) : ''}
          {progress?.events !== undefined && ` · ${count(progress.events)} events`}
        </span>
        <button type="button" className="secondary" onClick={onCancel} disabled={cancelling}>
          Cancel
        </button>
      </div>
      {files.length > 0 && (
        <ul className="file-status" data-testid="import-files">
          {files.map((f) => (
            <li key={f.name} className={`file-${f.state}`}>
              <span className="mono">{f.name}</span> <span className="muted">{STATE_TEXT[f.state]}</span>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage text={cancelError ?? null} />
    </div>
  );
}
