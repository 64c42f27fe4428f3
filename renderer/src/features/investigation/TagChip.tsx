import type { CSSProperties } from 'react';

interface Props {
  name: string;
  color: string;
  count?: number;
  onRemove?: () => void;
  onClick?: () => void;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A tag with its colour; the colour comes from the case and is used only if it is #rrggbb. */
export function TagChip({ name, color, count, onRemove, onClick }: Props) {
  const style = { '--tag': HEX.test(color) ? color : '#888888' } as CSSProperties;
  return (
    <span className="tag-chip" style={style} data-testid="tag-chip">
      <span className="tag-dot" aria-hidden="true" />
      {onClick ? (
        <button type="button" className="link" onClick={onClick} title={`Show events tagged ${name}`}>
          {name}
        </button>
      ) : (
        <span>{name}</span>
      )}
      {count !== undefined && <span className="muted small">{count}</span>}
      {onRemove && (
        <button type="button" className="chip-x" onClick={onRemove} aria-label={`Remove tag ${name}`}>
          ×
        </button>
      )}
    </span>
  );
}
