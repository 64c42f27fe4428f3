/**
 * The custody ledger: one append-only entry per action on the case (case creation, each
 * evidence file received or refused, import start and end, rollback). Each entry's leaf
 * hash (RFC 9162: SHA-256(0x00 || canonical entry bytes)) is stored with it, so the
 * ledger is a Merkle tree whose heads can be signed and whose entries can be proven.
 */
export default `
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  details TEXT NOT NULL,
  leaf_hash TEXT NOT NULL CHECK (length(leaf_hash) = 64)
) STRICT;

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'the custody ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'the custody ledger is append-only'); END;
-- Entries are numbered without gaps: a hole would hide a removed entry.
CREATE TRIGGER ledger_dense BEFORE INSERT ON ledger
WHEN NEW.seq <> (SELECT ifnull(max(seq), 0) + 1 FROM ledger)
BEGIN SELECT RAISE(ABORT, 'ledger entries must be appended in order'); END;
`;
