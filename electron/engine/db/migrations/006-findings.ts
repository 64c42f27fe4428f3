/**
 * Detection runs and their findings. A finding is what a rule or model reports: severity,
 * the linked events, an explanation and a suggested remediation; the analyst sets its status
 * (open, confirmed, false_positive) with a note, and each change is a custody ledger entry.
 * Runs and their findings are append-only; only a finding's status and note change.
 */
export default `
CREATE TABLE detection_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  actor TEXT NOT NULL,
  sources TEXT NOT NULL,
  rules_loaded INTEGER NOT NULL DEFAULT 0,
  rules_failed INTEGER NOT NULL DEFAULT 0,
  events_scanned INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE TRIGGER detection_runs_no_delete BEFORE DELETE ON detection_runs
BEGIN SELECT RAISE(ABORT, 'detection runs are append-only'); END;

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES detection_runs(id),
  kind TEXT NOT NULL,
  rule_id TEXT,
  rule_path TEXT,
  title TEXT NOT NULL,
  severity TEXT NOT NULL,
  explanation TEXT NOT NULL,
  remediation TEXT NOT NULL,
  event_count INTEGER NOT NULL,
  first_ts INTEGER,
  last_ts INTEGER,
  details TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'false_positive')),
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX findings_run ON findings(run_id);
CREATE INDEX findings_key ON findings(json_extract(details, '$.key'));
CREATE TRIGGER findings_no_delete BEFORE DELETE ON findings
BEGIN SELECT RAISE(ABORT, 'findings are append-only'); END;
CREATE TRIGGER findings_only_status BEFORE UPDATE ON findings
WHEN NEW.id <> OLD.id OR NEW.run_id <> OLD.run_id OR NEW.kind <> OLD.kind OR NEW.title <> OLD.title
  OR NEW.severity <> OLD.severity OR NEW.explanation <> OLD.explanation OR NEW.event_count <> OLD.event_count
  OR NEW.details <> OLD.details OR NEW.created_at <> OLD.created_at
BEGIN SELECT RAISE(ABORT, 'only a finding''s status and note can change'); END;

CREATE TABLE finding_events (
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  event_id INTEGER NOT NULL,
  PRIMARY KEY (finding_id, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX finding_events_event ON finding_events(event_id);
CREATE TRIGGER finding_events_no_delete BEFORE DELETE ON finding_events
BEGIN SELECT RAISE(ABORT, 'finding links are append-only'); END;
`;
