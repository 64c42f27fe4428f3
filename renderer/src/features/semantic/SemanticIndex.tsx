import { useEffect, useState } from 'react';
import type { JobProgressEvent } from '../../../../shared/events';
import type { IndexStatus } from '../../../../shared/schemas';
import { useAppEvents, useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { count } from '../../lib/format';
import { useJob } from '../../lib/use-job';

/**
 * The semantic index of the case as ranked search needs it: which model, how many events it
 * covers, and a button to build or update it (a job with progress), with the model to use.
 */
export function SemanticIndex({ epoch, onIndexed }: { epoch: number; onIndexed: () => void }) {
  const client = useClient();
  const [status, setStatus] = useState<IndexStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [model, setModel] = useState<string>('');
  const { job, start, cancel } = useJob('index');
  const finished = job.state === 'finished' ? job.status : null;
  // The app also indexes by itself after each import: follow those runs too.
  const [background, setBackground] = useState<JobProgressEvent | null>(null);
  const [backgroundEnds, setBackgroundEnds] = useState(0);
  useAppEvents((e) => {
    if (e.type === 'case.changed' || e.kind !== 'index' || (job.state === 'running' && e.jobId === job.jobId)) return;
    if (e.type === 'job.progress') setBackground(e);
    else if (e.type === 'job.finished') {
      setBackground(null);
      setBackgroundEnds((n) => n + 1);
      if (e.status === 'done') onIndexed();
    }
  });

  useEffect(() => {
    let live = true;
    client.call('index.status', {}).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        setModel((m) => m || s.models.find((x) => x.id === s.model)?.name || s.defaultModel || '');
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [client, epoch, finished, backgroundEnds]);

  useEffect(() => {
    if (finished === 'done') onIndexed();
  }, [finished, onIndexed]);

  if (error) return <ErrorMessage text={error} />;
  if (!status) return null;
  const running = job.state === 'running' || job.state === 'starting' || background !== null;
  const progress = job.state === 'running' ? job.progress : background;
  const current = status.models.find((m) => m.id === status.model);
  const complete = status.model !== null && status.indexedEvents === status.events;
  return (
    <div className="semantic-index" data-testid="semantic-index" data-complete={complete}>
      <span className="muted">
        {status.model === null
          ? 'No semantic index yet.'
          : `Semantic index: ${count(status.indexedEvents)} of ${count(status.events)} events, model ${current?.name ?? status.model}.`}
      </span>
      {status.models.length === 0 ? (
        <span className="muted"> No embedding model is installed (npm run build:model, or a model folder in your Sealdesk home's models/).</span>
      ) : (
        <>
          <select aria-label="Embedding model" value={model} onChange={(e) => setModel(e.target.value)} disabled={running}>
            {status.models.map((m) => (
              <option key={m.id} value={m.name}>
                {m.name} ({m.source})
              </option>
            ))}
          </select>
          {running ? (
            <>
              <span className="muted" data-testid="index-progress">
                Indexing: {progress ? `${progress.phase} ${count(progress.done)} / ${count(progress.total)}` : 'starting…'}
              </span>
              {job.state === 'running' && (
                <button type="button" className="secondary small" onClick={() => void cancel()}>
                  Cancel
                </button>
              )}
            </>
          ) : (
            <button type="button" className="small" data-testid="index-start" disabled={complete && current?.name === model} onClick={() => void start(() => client.call('index.start', model ? { model } : {}))}>
              {status.model === null ? 'Build index' : current?.name === model ? 'Update index' : 'Rebuild with this model'}
            </button>
          )}
        </>
      )}
      {job.state === 'finished' && job.error && <ErrorMessage text={job.error} />}
    </div>
  );
}
