/**
 * Every event carries its Merkle leaf hash (RFC 9162 leaf over its canonical content, see
 * ledger/event-leaf.ts). An import's end is recorded in the custody ledger with the root
 * over its events' leaves, so each event is bound into the signed ledger tree.
 */
export default `
ALTER TABLE events ADD COLUMN leaf BLOB;
CREATE INDEX events_import ON events(import_id);
`;
