import { useEffect, useRef } from 'react';
import { z } from 'zod';
import { KeyValueList } from '../../components/KeyValueList';
import { count, utc } from '../../lib/format';

/** The export job's result (electron/engine/export/bundle/export.ts ExportResult), checked before it is shown. */
export const exportResultSchema = z.object({
  out: z.string(),
  events: z.number().int(),
  files: z.array(z.object({ name: z.string(), sha256: z.string() })),
  treeHead: z.object({ size: z.number().int(), rootHash: z.string(), timestamp: z.string() }),
  contentDigest: z.string(),
  statementSha256: z.string(),
  masked: z.boolean(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

/** What the bundle holds and the values a recipient compares: every file's SHA-256, the signed tree head, the content digest. */
export function ExportResultView({ result }: { result: ExportResult }) {
  const ref = useRef<HTMLDivElement>(null);
  // The result appears below the form: bring it into view.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <div className="seal-result ok" data-testid="export-result" ref={ref}>
      <p>
        <strong className="good">Bundle written</strong>: {count(result.events)} {result.events === 1 ? 'event' : 'events'}
        {result.masked ? ', masked (no per-event proofs: a leaf hash would confirm a guessed value)' : ''}.
      </p>
      <KeyValueList
        items={[
          { key: 'Bundle', value: result.out, mono: true },
          { key: 'Content digest', value: result.contentDigest, mono: true },
          { key: 'Tree head', value: `size ${count(result.treeHead.size)} · ${utc(result.treeHead.timestamp)}` },
          { key: 'Root hash', value: result.treeHead.rootHash, mono: true },
          { key: 'Statement SHA-256', value: result.statementSha256, mono: true },
        ]}
      />
      <table className="hash-table" data-testid="export-files">
        <thead>
          <tr>
            <th>File</th>
            <th>SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {result.files.map((f) => (
            <tr key={f.name}>
              <td className="mono">{f.name}</td>
              <td className="mono hash">{f.sha256}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
