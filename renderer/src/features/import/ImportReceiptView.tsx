import type { FileReceipt, ImportReceipt } from '../../../../shared/model';
import { bytes, count, plural, shortHash } from '../../lib/format';

const STATUS_TEXT: Record<string, string> = {
  complete: 'Import complete',
  cancelled: 'Import cancelled',
  failed: 'Import failed',
  interrupted: 'Import interrupted',
  rolled_back: 'Import rolled back',
  resumed: 'Import resumed',
  running: 'Import running',
};

/** The receipt: what was received, how it was read, and what was not imported and why. */
export function ImportReceiptView({ receipt }: { receipt: ImportReceipt }) {
  return (
    <div className="receipt" data-testid="import-receipt">
      <p className={`receipt-status status-${receipt.status}`}>
        <strong>{STATUS_TEXT[receipt.status] ?? receipt.status}</strong>
        {': '}
        {plural(receipt.events, 'event')} from {plural(receipt.files.length, 'file')}
        {receipt.skipped > 0 && `, ${plural(receipt.skipped, 'record')} skipped`}
        {receipt.refused.length > 0 && `, ${plural(receipt.refused.length, 'input')} refused`}
        <span className="muted"> · import #{receipt.importId}</span>
      </p>
      {receipt.files.length > 0 && (
        <table className="receipt-files">
          <thead>
            <tr>
              <th>File</th>
              <th>Format</th>
              <th className="num">Events</th>
              <th className="num">Skipped</th>
              <th>SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {receipt.files.map((f, i) => (
              <FileRow key={`${f.sha256}-${i}`} file={f} />
            ))}
          </tbody>
        </table>
      )}
      {receipt.refused.length > 0 && (
        <div className="refused" data-testid="import-refused">
          <h3>Refused</h3>
          <ul>
            {receipt.refused.map((r, i) => (
              <li key={`${r.path}-${i}`}>
                <span className="mono">{r.path}</span>: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function FileRow({ file }: { file: FileReceipt }) {
  const reasons = Object.entries(file.reasons);
  return (
    <>
      <tr data-testid="receipt-file">
        <td className="path mono" title={file.path}>
          {file.path}
          <div className="muted small">
            {bytes(file.size)} · {file.durationMs.toFixed(0)} ms
            {file.duplicate && ' · already imported, no events added'}
            {file.truncated > 0 && ` · ${plural(file.truncated, 'line')} truncated`}
          </div>
        </td>
        <td>{file.format}</td>
        <td className="num">{count(file.events)}</td>
        <td className="num">{count(file.skipped)}</td>
        <td className="mono" title={file.sha256}>
          {shortHash(file.sha256)}
        </td>
      </tr>
      {reasons.length > 0 && (
        <tr className="reasons">
          <td colSpan={5}>
            <ul>
              {reasons.map(([reason, n]) => (
                <li key={reason}>
                  {reason} <span className="muted">× {count(n)}</span>
                </li>
              ))}
            </ul>
            {file.errors.length > 0 && (
              <p className="muted small">
                First: {file.errors.slice(0, 3).map((e) => `${e.where} (${e.reason})`).join('; ')}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
