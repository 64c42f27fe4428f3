import type { JobProgressEvent } from '../../../../shared/events';
import { ErrorMessage } from '../../components/ErrorMessage';
import { count } from '../../lib/format';

interface Props {
  progress: JobProgressEvent | null;
  /** What the units are ("events"), when they mean something to the user. */
  unit?: string;
  cancelling: boolean;
  cancelError?: string;
  onCancel: () => void;
  testId: string;
}

/** Progress of a running job with a Cancel button, as the import panel shows it. */
export function JobProgress({ progress, unit, cancelling, cancelError, onCancel, testId }: Props) {
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  const u = unit ? ` ${unit}` : '';
  const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : null;
  return (
    <div className="import-progress" aria-live="polite" data-testid={testId}>
      <div className="progress-head">
        <span className="phase">{cancelling ? 'Cancelling…' : (progress?.phase ?? 'Starting…')}</span>
        {pct !== null && <span className="pct">{pct}%</span>}
      </div>
      {/* Without a known total the bar is indeterminate rather than stuck at 0%. */}
      <progress max={total > 0 ? total : undefined} value={total > 0 ? done : undefined} />
      <div className="progress-foot">
        <span className="muted">{total > 0 ? `${count(done)} of ${count(total)}${u}` : done > 0 ? `${count(done)}${u}` : ''}</span>
        <button type="button" className="secondary" onClick={onCancel} disabled={cancelling}>
          Cancel
        </button>
      </div>
      <ErrorMessage text={cancelError ?? null} />
    </div>
  );
}
