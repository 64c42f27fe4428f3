/**
 * The analyst's investigation work, kept in the case: stars, tags (with colours), notes on
 * events, the notebook, saved searches and the search history. Notes and notebook revisions
 * are append-only (a note is never edited, a notebook save adds a revision); stars and tags
 * are current state, and every change to them is also a custody ledger entry.
 */
export default `
CREATE TABLE stars (
  event_id INTEGER PRIMARY KEY,
  at TEXT NOT NULL
) STRICT;

CREATE TABLE tags (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  color TEXT NOT NULL CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
) STRICT;

CREATE TABLE event_tags (
  event_id INTEGER NOT NULL,
  tag TEXT NOT NULL COLLATE NOCASE,
  at TEXT NOT NULL,
  PRIMARY KEY (event_id, tag)
) STRICT;
CREATE INDEX event_tags_tag ON event_tags(tag, event_id);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX notes_event ON notes(event_id);
CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;
CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;

CREATE TABLE notebook_revisions (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE TRIGGER notebook_no_update BEFORE UPDATE ON notebook_revisions
BEGIN SELECT RAISE(ABORT, 'notebook revisions are append-only'); END;
CREATE TRIGGER notebook_no_delete BEFORE DELETE ON notebook_revisions
BEGIN SELECT RAISE(ABORT, 'notebook revisions are append-only'); END;

CREATE TABLE saved_searches (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  query TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE search_history (
  id INTEGER PRIMARY KEY,
  query TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX search_history_query ON search_history(query);
`;
