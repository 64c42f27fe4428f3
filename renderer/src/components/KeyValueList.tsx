import type { ReactNode } from 'react';

export interface KeyValue {
  key: string;
  value: ReactNode;
  /** Monospace for hashes, offsets, addresses: values people compare character by character. */
  mono?: boolean;
}

export function KeyValueList({ items }: { items: KeyValue[] }) {
  return (
    <dl className="kv">
      {items.map((it) => (
        <div className="kv-row" key={it.key}>
          <dt>{it.key}</dt>
          <dd className={it.mono ? 'mono' : undefined}>{it.value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
