import { useState, type DragEvent, type FormEvent } from 'react';
import type { BundleCheckOutput, SealedCaseCheck } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { pathsOfFiles } from '../../api/platform';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../lib/use-action';
import { BundleVerifyResult } from './BundleVerifyResult';
import { CaseVerifyResult } from './CaseVerifyResult';
import { CustodyLog } from './CustodyLog';

/**
 * Verification: the open case against its signed tree heads (optionally signing a new head),
 * and any bundle file by path or drop.
 */
export function VerifyPanel({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const caseAction = useAction();
  const bundleAction = useAction();
  const [passphrase, setPassphrase] = useState('');
  const [check, setCheck] = useState<SealedCaseCheck | null>(null);
  const [bundlePath, setBundlePath] = useState('');
  const [bundle, setBundle] = useState<{ path: string; check: BundleCheckOutput } | null>(null);
  const [pathHint, setPathHint] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  const verifyCase = (e: FormEvent) => {
    e.preventDefault();
    const secret = passphrase;
    // Used once for this verification, never kept.
    setPassphrase('');
    setCheck(null);
    void caseAction.run(async () => setCheck(await client.call('case.verify', secret ? { passphrase: secret } : {})));
  };

  const verifyBundle = (path: string) => {
    const p = path.trim();
    if (!p) return;
    setBundle(null);
    setPathHint(null);
    void bundleAction.run(async () => setBundle({ path: p, check: await client.call('bundle.verify', { path: p }) }));
  };

  // The drop is handled here, not by the workspace (which would take it for an import).
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.stopPropagation();
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    const paths = pathsOfFiles([file]);
    if (paths?.[0]) {
      setBundlePath(paths[0]);
      verifyBundle(paths[0]);
    } else {
      setPathHint(file.name);
    }
  };

  return (
    <section className="panel verify-panel" aria-labelledby="verify-title" data-testid="verify-panel">
      <div className="panel-head">
        <h2 id="verify-title">Verify</h2>
        <span className="muted small">Recompute the case, or check a sealed bundle someone gave you.</span>
        <span className="spacer" />
        <button type="button" className="secondary small" onClick={onClose} disabled={caseAction.busy || bundleAction.busy}>
          Close
        </button>
      </div>
      <div className="verify-columns">
        <div>
          <h3>This case</h3>
          <form className="inline-form" onSubmit={verifyCase}>
            <label className="grow">
              Passphrase (optional: sign a new tree head when intact)
              <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} name="verify-passphrase" />
            </label>
            <button type="submit" data-testid="verify-button" disabled={caseAction.busy}>
              {caseAction.busy ? 'Verifying…' : 'Verify case'}
            </button>
          </form>
          <ErrorMessage text={caseAction.error} testId="verify-error" />
          {check && <CaseVerifyResult check={check} />}
        </div>
        <div>
          <h3>A bundle</h3>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              verifyBundle(bundlePath);
            }}
          >
            <label className="grow">
              Bundle file (.zip)
              <input
                name="bundle-path"
                value={bundlePath}
                onChange={(e) => setBundlePath(e.target.value)}
                spellCheck={false}
                className="mono"
                placeholder="/evidence/acme.sdx.zip"
              />
            </label>
            <button type="submit" data-testid="bundle-verify-button" disabled={bundleAction.busy || !bundlePath.trim()}>
              {bundleAction.busy ? 'Verifying…' : 'Verify bundle'}
            </button>
          </form>
          <div className={`drop-zone${over ? ' over' : ''}`} onDragOver={onDragOver} onDragLeave={() => setOver(false)} onDrop={onDrop} data-testid="bundle-drop">
            or drop a bundle .zip here
          </div>
          {pathHint && (
            <p className="notice" data-testid="bundle-path-hint">
              This window cannot tell Sealdesk where {pathHint} is: in web mode the browser hides file locations. Type or paste its full path above; the
              engine reads it from this machine.
            </p>
          )}
          <ErrorMessage text={bundleAction.error} testId="bundle-error" />
          {bundle && <BundleVerifyResult path={bundle.path} check={bundle.check} />}
        </div>
      </div>
      <CustodyLog refreshKey={check ? check.recordedAs ?? 0 : 0} />
    </section>
  );
}
