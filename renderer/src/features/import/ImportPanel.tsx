import { useState, type FormEvent } from 'react';
import { FORMAT_IDS, type FormatId } from '../../../../shared/model';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ImportProgress } from './ImportProgress';
import { ImportReceiptView } from './ImportReceiptView';
import { useImportJob } from './use-import-job';

function isFormatId(x: string): x is FormatId {
  return (FORMAT_IDS as readonly string[]).includes(x);
}

/** Paths are read by the engine, so they are paths on the machine running Sealdesk. */
export function ImportPanel({ formats }: { formats: string[] }) {
  const { job, start, cancel } = useImportJob();
  const [text, setText] = useState('');
  const [format, setFormat] = useState('');
  const paths = text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const busy = job.state === 'starting' || job.state === 'running';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (paths.length === 0 || busy) return;
    void start(isFormatId(format) ? { paths, format } : { paths });
  };

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import evidence</h2>
      <form className="import-form" onSubmit={submit}>
        <label className="grow">
          Files or folders, one per line
          <textarea
            name="paths"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
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
          <button type="submit" disabled={busy || paths.length === 0}>
            {job.state === 'starting' ? 'Starting…' : 'Import'}
          </button>
        </div>
      </form>
      {job.state === 'running' && (
        <ImportProgress progress={job.progress} cancelling={job.cancelling} cancelError={job.cancelError} onCancel={() => void cancel()} />
      )}
      {job.state === 'finished' && (
        <>
          <ErrorMessage text={job.error} testId="import-error" />
          {job.receipt && <ImportReceiptView receipt={job.receipt} />}
          {!job.receipt && job.status === 'cancelled' && <p className="muted">Import cancelled.</p>}
        </>
      )}
    </section>
  );
}
