import type { CaseInfo } from '../../../../shared/model';
import { count } from '../../lib/format';

interface Props {
  caseInfo: CaseInfo | null;
  version: string | null;
  switching: boolean;
  onSwitch: () => void;
}

/** The top bar: which case is open, so nobody works on the wrong evidence by mistake. */
export function CaseBar({ caseInfo, version, switching, onSwitch }: Props) {
  return (
    <header className="case-bar">
      <div className="brand">
        Sealdesk{version && <span className="version">{version}</span>}
      </div>
      {caseInfo ? (
        <div className="case-summary" data-testid="case-summary">
          <span className="case-name">{caseInfo.name}</span>
          {caseInfo.sample && <span className="badge">sample</span>}
          <span className="case-path mono" title={caseInfo.path}>
            {caseInfo.path}
          </span>
          <span className="case-stat">
            <strong data-testid="case-events">{count(caseInfo.events)}</strong> events
          </span>
          <span className="case-stat">
            <strong>{count(caseInfo.evidenceFiles)}</strong> evidence files
          </span>
          <button type="button" className="secondary" onClick={onSwitch} aria-expanded={switching}>
            {switching ? 'Keep this case' : 'Switch case'}
          </button>
        </div>
      ) : (
        <div className="case-summary muted">No case open</div>
      )}
    </header>
  );
}
