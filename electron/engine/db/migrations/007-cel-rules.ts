/**
 * Custom detection rules written in CEL, saved in the case so a detection run repeats them.
 * Rules are not evidence: they can be replaced and deleted, and each change is a custody
 * ledger entry naming the expression and its hash.
 */
export default `
CREATE TABLE cel_rules (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  expression TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
  description TEXT,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`;
