import { z } from 'zod';
import { count, plural } from '../../lib/format';

/** The detect job's result (electron/engine/detect/detect.job.ts DetectResult), checked before it is shown. */
const detectResultSchema = z.object({
  rulesLoaded: z.number().int(),
  rulesFailed: z.number().int(),
  errors: z.array(z.object({ path: z.string(), reason: z.string() })),
  eventsScanned: z.number().int(),
  findings: z.array(z.object({ isNew: z.boolean() })),
  policies: z
    .array(
      z.object({
        policy: z.string(),
        verdict: z.enum(['isolated', 'violations']),
        summary: z.string(),
        violations: z.array(z.object({ severity: z.string() })),
        previous: z.object({ violations: z.number().int(), at: z.string() }).nullable(),
      }),
    )
    .default([]),
});

/** What the run did: rules loaded and refused (with the reason), events scanned, findings new and known. */
export function DetectSummary({ result }: { result: unknown }) {
  const parsed = detectResultSchema.safeParse(result);
  if (!parsed.success) return <p className="muted">Detection finished.</p>;
  const r = parsed.data;
  const fresh = r.findings.filter((f) => f.isNew).length;
  return (
    <div className="detect-summary" data-testid="detect-summary">
      <p>
        <strong>Detection finished</strong>: {plural(r.rulesLoaded, 'rule')} over {plural(r.eventsScanned, 'event')}, {plural(r.findings.length, 'finding')} (
        {count(fresh)} new).
        {r.rulesFailed > 0 && ` ${plural(r.rulesFailed, 'rule')} could not be loaded:`}
      </p>
      {r.policies.map((p) => (
        <p key={p.policy} className={p.verdict === 'isolated' ? 'notice' : 'error'} data-testid="policy-verdict" data-verdict={p.verdict}>
          {p.summary}
          {p.previous && ` Previous audit: ${plural(p.previous.violations, 'violation')}; now ${count(p.violations.length)}.`}
        </p>
      ))}
      {r.errors.length > 0 && (
        <ul className="problems">
          {r.errors.map((e, i) => (
            <li key={i}>
              <span className="mono">{e.path}</span>: {e.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
