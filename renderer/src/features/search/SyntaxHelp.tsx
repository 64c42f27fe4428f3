const ROWS: [string, string][] = [
  ['sshd', 'events containing the word (full text)'],
  ['"Failed password"', 'an exact phrase'],
  ['user:root', 'a field equals a value (host, user, action, outcome, src_ip, dst_ip, resource, severity, format, source)'],
  ['user:adm*', 'prefix'],
  ['action:/^ssh.*/', 'regular expression'],
  ['requestParameters.bucketName:logs', 'an original field by its dotted name'],
  ['A AND B, A OR B, NOT A, ( )', 'combine; AND is implied between terms'],
  ['ts:[2026-03-01 TO 2026-03-02]', 'a time range (UTC)'],
  ['is:starred, is:tagged, is:noted', 'your own work on events'],
  ['tag:suspicious', 'events you tagged'],
];

/** The query language at a glance, next to the box where it is typed. */
export function SyntaxHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="syntax-help" data-testid="syntax-help">
      <table>
        <tbody>
          {ROWS.map(([q, what]) => (
            <tr key={q}>
              <td className="mono nowrap">{q}</td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Keys: <kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> next/previous event · <kbd>s</kbd> star · <kbd>t</kbd> tag · <kbd>n</kbd> note ·{' '}
        <kbd>Esc</kbd> close
        <button type="button" className="link" onClick={onClose}>
          Close help
        </button>
      </p>
    </div>
  );
}
