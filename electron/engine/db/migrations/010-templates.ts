/**
 * Log templates, assigned at import. Each distinct masked message shape is an "atom" (kept
 * in the order first seen: replaying the shapes in id order rebuilds the miner's groups);
 * atoms join groups as the miner learns, and `group_id` is the atom id that names the
 * group. `templates` holds each group's current text. Every event links to its atom, so a
 * regrouping rewrites atoms, never events. All of it is derived data: removing an event
 * (an import's rollback) removes its link and its count here.
 */
export default `
CREATE TABLE template_atoms (
  id INTEGER PRIMARY KEY,
  shape TEXT NOT NULL UNIQUE,
  group_id INTEGER NOT NULL,
  events INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX template_atoms_group ON template_atoms(group_id, id);

CREATE TABLE templates (
  id INTEGER PRIMARY KEY,
  template TEXT NOT NULL
) STRICT;

CREATE TABLE event_atoms (
  event_id INTEGER PRIMARY KEY,
  atom INTEGER NOT NULL
) STRICT;
CREATE INDEX event_atoms_atom ON event_atoms(atom, event_id);

CREATE TRIGGER events_delete_template AFTER DELETE ON events
BEGIN
  UPDATE template_atoms SET events = events - 1 WHERE id = (SELECT atom FROM event_atoms WHERE event_id = OLD.id);
  DELETE FROM event_atoms WHERE event_id = OLD.id;
END;
`;
