import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FORMAT_IDS, type FormatId } from '../../../../shared/model';
import { pathsOfFiles } from '../../api/platform';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ImportProgress } from './ImportProgress';
import { ImportReceiptView } from './ImportReceiptView';
import { useImportJob } from './use-import-job';

function isFormatId(x: string): x is FormatId {
  return (FORMAT_IDS as readonly string[]).includes(x);
}

/** Files dropped on the window or picked, handed over by the workspace. */
export interface DroppedFiles {
  files: File[];
  at: number;
}

interface Props {
  formats: string[];
  dropped: DroppedFiles | null;
  onClose?: () => void;
  /** The case's events changed other than by an import finishing (a rollback). */
  onCaseChanged: () => void;
}

/**
 * Import by path (what the engine reads: paths on the machine running Sealdesk), by drop or
 * by picker where the shell can tell a file's path, with per-file progress and cancel.
 */
export function ImportPanel({ formats, dropped, onClose, onCaseChanged }: Props) {
  const { job, start, cancel, rollback } = useImportJob(onCaseChanged);
  const [text, setText] = useState('');
  const [format, setFormat] = useState('');
  const [pathHint, setPathHint] = useState<string[] | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const paths = text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const busy = job.state === 'starting' || job.state === 'running';

  const withFormat = (ps: string[]) => (isFormatId(format) ? { paths: ps, format } : { paths: ps });

  const takeFiles = (files: File[]) => {
    if (files.length === 0) return;
    const ps = pathsOfFiles(files);
    if (ps && !busy) {
      setPathHint(null);
      void start(withFormat(ps));
    } else {
      setPathHint(files.map((f) => f.name));
    }
  };

  const lastDrop = useRef(0);
  useEffect(() => {
    if (dropped && dropped.at !== lastDrop.current) {
      lastDrop.current = dropped.at;
      takeFiles(dropped.files);
    }
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (paths.length === 0 || busy) return;
    setPathHint(null);
    void start(withFormat(paths));
  };

  return (
    <section className="panel import-panel" aria-labelledby="import-title">
      <div className="panel-head">
        <h2 id="import-title">Import evidence</h2>
        <span className="muted small">Files, folders and archives (zip, tar, tar.gz, gz). Drop them anywhere on the window.</span>
        <span className="spacer" />
        {onClose && (
          <button type="button" className="secondary small" onClick={onClose} disabled={busy}>
            Close
          </button>
        )}
      </div>
      <form className="import-form" onSubmit={submit}>
        <label className="grow">
          Files or folders, one per line
          <textarea
            name="paths"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={2}
            spellCheck={false}
            placeholder={'/evidence/auth.log\n/evidence/web-logs.tar.gz'}
          />
        </label>
        <div className="import-actions">
          <label>
            Format
            <select name="format" value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="">Detect per file</option>
              {formats.filter(isFormatId).map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => picker.current?.click()} disabled={busy}>
            Choose files…
          </button>
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            onChange={(e) => {
              takeFiles(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
          <button type="submit" disabled={busy || paths.length === 0}>
            {job.state === 'starting' ? 'Starting…' : 'Import'}
          </button>
        </div>
      </form>
      {pathHint && (
        <p className="notice" data-testid="path-hint">
          This window cannot tell Sealdesk where {pathHint.length === 1 ? 'that file is' : 'those files are'} ({pathHint.slice(0, 5).join(', ')}
          {pathHint.length > 5 ? ', …' : ''}): in web mode the browser hides file locations. Type or paste the full path above; the engine reads it from
          this machine.
        </p>
      )}
      {job.state === 'running' && (
        <ImportProgress progress={job.progress} files={job.files} cancelling={job.cancelling} cancelError={job.cancelError} onCancel={() => void cancel()} />
      )}
      {job.state === 'finished' && (
        <>
          <ErrorMessage text={job.error} testId="import-error" />
          {job.receipt && <ImportReceiptView receipt={job.receipt} />}
          {!job.receipt && (job.status === 'cancelled' || job.status === 'failed') && job.importId !== undefined && (
            <div className="notice" data-testid="import-stopped">
              {job.rolledBack !== undefined ? (
                <>Import #{job.importId} rolled back: {job.rolledBack} events removed. The evidence copies and the custody ledger keep the record of it.</>
              ) : (
                <>
                  Import #{job.importId} {job.status === 'cancelled' ? 'cancelled' : 'stopped'}. Events it stored so far stay in the case until you roll it
                  back; resuming continues where it stopped.{' '}
                  <button type="button" className="secondary small" onClick={() => void rollback()}>
                    Roll back
                  </button>{' '}
                  <button type="button" className="secondary small" onClick={() => void start({ paths: [], resume: job.importId })}>
                    Resume
                  </button>
                </>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
