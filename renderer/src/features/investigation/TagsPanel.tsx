import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { useClient } from '../../api/ClientContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../lib/errors';
import { TagChip } from './TagChip';

type TagList = MethodOutput<'tag.list'>['tags'];

interface Props {
  refreshKey: number;
  onTags: (names: string[]) => void;
  onShowTag: (name: string) => void;
  onChanged: () => void;
}

/** The case's tags with their colours and counts; a colour can be changed here. */
export function TagsPanel({ refreshKey, onTags, onShowTag, onChanged }: Props) {
  const client = useClient();
  const [tags, setTags] = useState<TagList | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    client.call('tag.list').then(
      (r) => {
        if (!current) return;
        setTags(r.tags);
        onTags(r.tags.map((t) => t.name));
      },
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [client, refreshKey]);

  const recolor = async (name: string, color: string) => {
    try {
      await client.call('tag.color', { name, color });
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  };

  if (error) return <ErrorMessage text={error} />;
  if (!tags) return <p className="muted small">Loading tags…</p>;
  if (tags.length === 0) return <p className="muted small">No tags yet. Open an event and press t to tag it.</p>;
  return (
    <ul className="tag-list" data-testid="tag-list">
      {tags.map((t) => (
        <li key={t.name}>
          <input
            type="color"
            className="swatch"
            value={/^#[0-9a-fA-F]{6}$/.test(t.color) ? t.color : '#888888'}
            onChange={(e) => void recolor(t.name, e.target.value)}
            aria-label={`Colour of tag ${t.name}`}
          />
          <TagChip name={t.name} color={t.color} count={t.count} onClick={() => onShowTag(t.name)} />
        </li>
      ))}
    </ul>
  );
}
