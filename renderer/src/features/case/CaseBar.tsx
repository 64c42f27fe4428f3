import type { CaseInfo } from '../../../../shared/model';
import { count } from '../../lib/format';
import type { ThemeChoice } from '../../lib/theme';

interface Props {
  caseInfo: CaseInfo | null;
  version: string | null;
  switching: boolean;
  onSwitch: () => void;
  theme: ThemeChoice;
  onTheme: () => void;
}

const THEME_TEXT: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

/** The top bar: which case is open, so nobody works on the wrong evidence by mistake. */
export function CaseBar({ caseInfo, version, switching, onSwitch, theme, onTheme }: Props) {
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
      <button type="button" className="secondary small" onClick={onTheme} data-testid="theme-toggle" title="Switch between system, light and dark">
        {THEME_TEXT[theme]}
      </button>
    </header>
  );
}
