import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CaseInfo } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ExportResultView, exportResultSchema } from './ExportResultView';
import { JobProgress } from './JobProgress';
import { MaskingChoices } from './MaskingChoices';
import { buildPolicy, defaultChoices, type MaskChoices } from './mask-policy';
import { SignerLine } from './SignerLine';
import { useIdentity } from './use-identity';
import { useJob } from '../../lib/use-job';

/** `<case folder>/exports/<case-name>-<date>.sdx.zip`, with the case path's own separator. */
export function suggestedOut(caseInfo: CaseInfo, now = new Date()): string {
  const sep = caseInfo.path.includes('\\') && !caseInfo.path.includes('/') ? '\\' : '/';
  const slug = caseInfo.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'case';
  const base = caseInfo.path.replace(/[\\/]+$/, '');
  return `${base}${sep}exports${sep}${slug}-${now.toISOString().slice(0, 10)}.sdx.zip`;
}

interface Props {
  caseInfo: CaseInfo;
  /** The current search, offered as the export's selection. */
  query: string;
  onClose: () => void;
}

/**
 * Export a sealed bundle: which events, how they are masked, where the zip goes, and the
 * passphrase that unlocks the signing key. The passphrase lives only in this form's state
 * and is cleared as soon as it has been handed to the engine.
 */
export function ExportDialog({ caseInfo, query: initialQuery, onClose }: Props) {
  const client = useClient();
  const { identity, error: identityError } = useIdentity();
  const { job, start, cancel } = useJob('export');
  const [query, setQuery] = useState(initialQuery);
  const [starredOnly, setStarredOnly] = useState(false);
  const [masking, setMasking] = useState(false);
  const [choices, setChoices] = useState<MaskChoices>(defaultChoices);
  const [out, setOut] = useState(() => suggestedOut(caseInfo));
  const [overwrite, setOverwrite] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const busy = job.state === 'starting' || job.state === 'running';

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy || !passphrase || !out.trim()) return;
    const secret = passphrase;
    // Cleared before the call: the passphrase is used once and never kept in the page.
    setPassphrase('');
    void start(() =>
      client.call('export.start', {
        out: out.trim(),
        query: query.trim() || undefined,
        starredOnly,
        overwrite,
        passphrase: secret,
        ...(masking ? { mask: buildPolicy(choices) } : {}),
      }),
    );
  };

  const parsed = job.state === 'finished' && job.status === 'done' ? exportResultSchema.safeParse(job.result) : null;
  return (
    <dialog
      ref={dialog}
      className="modal export-dialog"
      data-testid="export-dialog"
      aria-labelledby="export-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form onSubmit={submit} className="modal-body">
        <div className="panel-head">
          <h2 id="export-title">Export a sealed bundle</h2>
          <span className="spacer" />
          <button type="button" className="secondary small" onClick={onClose} disabled={busy}>
            Close
          </button>
        </div>
        <p className="muted small">
          A zip with the report (PDF), the events (CSV, JSON lines), the evidence manifest, the custody ledger, proofs and a signed statement listing
          every file&apos;s SHA-256.
        </p>
        <fieldset disabled={busy}>
          <legend>Events</legend>
          <label>
            Search query (empty: every event)
            <input name="query" value={query} onChange={(e) => setQuery(e.target.value)} spellCheck={false} className="mono" />
          </label>
          <label className="check">
            <input type="checkbox" checked={starredOnly} onChange={(e) => setStarredOnly(e.target.checked)} /> Starred events only
          </label>
        </fieldset>
        <fieldset disabled={busy}>
          <legend>Masking of personal data</legend>
          <div className="radio-row" role="radiogroup" aria-label="Masking">
            <label className="check">
              <input type="radio" name="masking" checked={!masking} onChange={() => setMasking(false)} /> Off
            </label>
            <label className="check">
              <input type="radio" name="masking" checked={masking} onChange={() => setMasking(true)} /> On
            </label>
          </div>
          {masking && <MaskingChoices choices={choices} onChange={setChoices} />}
        </fieldset>
        <fieldset disabled={busy}>
          <legend>Bundle</legend>
          <label>
            Save as (a path on the machine running Sealdesk; the folder must exist)
            <input name="out" value={out} onChange={(e) => setOut(e.target.value)} spellCheck={false} className="mono" />
          </label>
          <label className="check">
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> Replace the file if it exists
          </label>
          <SignerLine identity={identity} error={identityError} />
          <label>
            Passphrase of your signing key
            <input
              name="passphrase"
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              disabled={identity === null}
            />
          </label>
        </fieldset>
        <div className="modal-actions">
          <button type="submit" disabled={busy || !passphrase || !out.trim() || !identity} data-testid="export-start">
            {job.state === 'starting' ? 'Starting…' : 'Export'}
          </button>
        </div>
        {job.state === 'running' && (
          <JobProgress
            testId="export-progress"
            progress={job.progress}
            cancelling={job.cancelling}
            cancelError={job.cancelError}
            onCancel={() => void cancel()}
          />
        )}
        {job.state === 'finished' && (
          <>
            <ErrorMessage text={job.error} testId="export-error" />
            {job.status === 'cancelled' && <p className="notice" data-testid="export-cancelled">Export cancelled: no bundle was written under that name.</p>}
            {parsed?.success && <ExportResultView result={parsed.data} />}
            {parsed && !parsed.success && <p className="error">The export finished, but its result could not be read.</p>}
          </>
        )}
      </form>
    </dialog>
  );
}
