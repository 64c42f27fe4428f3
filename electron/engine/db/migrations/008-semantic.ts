/**
 * Semantic search. Events are embedded through their distinct texts (the message with its
 * variable parts masked): a million events usually carry far fewer distinct texts, so each
 * is embedded once. The vectors themselves live in a sqlite-vec table the index job creates
 * for the chosen model's dimensions. All of it is derived data, rebuilt when the model
 * changes; removing an event (an import's rollback) removes its link here too.
 */
export default `
CREATE TABLE semantic_texts (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  embedded INTEGER NOT NULL DEFAULT 0 CHECK (embedded IN (0, 1))
) STRICT;
CREATE INDEX semantic_texts_pending ON semantic_texts(id) WHERE embedded = 0;

CREATE TABLE event_texts (
  event_id INTEGER PRIMARY KEY,
  text_id INTEGER NOT NULL
) STRICT;
CREATE INDEX event_texts_text ON event_texts(text_id, event_id);

CREATE TABLE semantic_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Keyword ranking for hybrid search runs over the distinct texts, as the vectors do.
CREATE VIRTUAL TABLE semantic_fts USING fts5(text, content = '', contentless_delete = 1, tokenize = "unicode61 remove_diacritics 2");

CREATE TRIGGER events_delete_semantic AFTER DELETE ON events
BEGIN
  UPDATE semantic_texts SET events = events - 1 WHERE id = (SELECT text_id FROM event_texts WHERE event_id = OLD.id);
  DELETE FROM event_texts WHERE event_id = OLD.id;
END;
`;
