/**
 * Access-isolation policy audits: one row per policy per detection run, with its verdict,
 * violation counts by severity and the report, so the trend over runs can be shown. The
 * violations themselves are findings of the run (kind 'policy'). Append-only.
 */
export default `
CREATE TABLE policy_runs (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES detection_runs(id),
  policy TEXT NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('isolated', 'violations')),
  critical INTEGER NOT NULL,
  warning INTEGER NOT NULL,
  info INTEGER NOT NULL,
  summary TEXT NOT NULL,
  report TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX policy_runs_policy ON policy_runs(policy, id);
CREATE TRIGGER policy_runs_no_update BEFORE UPDATE ON policy_runs
BEGIN SELECT RAISE(ABORT, 'policy audit runs are append-only'); END;
CREATE TRIGGER policy_runs_no_delete BEFORE DELETE ON policy_runs
BEGIN SELECT RAISE(ABORT, 'policy audit runs are append-only'); END;
`;
