/**
 * Signed tree heads of the custody ledger: (size, root) signed with the analyst's Ed25519
 * key when the case is sealed (export, verification). Append-only, and a head may never be
 * smaller than one issued before: the ledger only grows. The signature covers the bytes of
 * ledger/tree-head.ts `treeHeadMessage`.
 */
export default `
CREATE TABLE tree_heads (
  id INTEGER PRIMARY KEY,
  size INTEGER NOT NULL CHECK (size >= 1),
  root_hash TEXT NOT NULL CHECK (length(root_hash) = 64),
  at TEXT NOT NULL,
  signer TEXT NOT NULL,
  keyid TEXT NOT NULL CHECK (length(keyid) = 64),
  public_key TEXT NOT NULL,
  signature TEXT NOT NULL
) STRICT;
CREATE TRIGGER tree_heads_no_update BEFORE UPDATE ON tree_heads
BEGIN SELECT RAISE(ABORT, 'tree heads are append-only'); END;
CREATE TRIGGER tree_heads_no_delete BEFORE DELETE ON tree_heads
BEGIN SELECT RAISE(ABORT, 'tree heads are append-only'); END;
CREATE TRIGGER tree_heads_grow BEFORE INSERT ON tree_heads
WHEN NEW.size < (SELECT ifnull(max(size), 0) FROM tree_heads)
BEGIN SELECT RAISE(ABORT, 'a tree head may not be smaller than one issued before'); END;
`;
