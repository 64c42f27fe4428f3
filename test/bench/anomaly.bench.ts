/**
 * Anomaly scoring speed: 1,000,000 synthetic events (seeded PRNG: 200 users, 40 hosts,
 * 600 source IPs, 400 Zipf-tailed templates over 30 days, 3 injected intruders),
 * template ids given. Generation is done before the clock starts; the figure is
 * scoreAnomalies alone (windows, forest fit and scoring, explanations, event scores),
 * one core, against the 30 s target. Also prints where the intruders rank.
 * Run: npx tsx test/bench/anomaly.bench.ts [events]
 */
import { scoreAnomalies } from '../../electron/engine/detect/anomaly/score';
import { syntheticEvents } from '../../electron/engine/detect/anomaly/synthetic';

const N = Number(process.argv[2] ?? 1_000_000);
const TARGET_S = 30;

const t0 = performance.now();
const events = [...syntheticEvents({ events: N, seed: 20260, users: 200, hosts: 40, anomalous: 3, days: 30 })];
const genMs = performance.now() - t0;

for (const run of [1, 2]) {
  const t = performance.now();
  const r = scoreAnomalies(events, { seed: 1, top: 20 });
  const s = (performance.now() - t) / 1000;
  const intruderRanks = r.windows.map((w, i) => (/intruder|203\.0\.113/.test(w.value) ? i + 1 : 0)).filter((x) => x > 0);
  console.log(
    `run ${run}: ${r.stats.events.toLocaleString('en')} events, ${r.stats.windows.toLocaleString('en')} windows, ${r.stats.entities} entities, ${r.stats.templates} templates: ` +
      `${s.toFixed(2)} s, ${Math.round(r.stats.events / s).toLocaleString('en')} events/s, ${((100 * s) / TARGET_S).toFixed(1)}% of the ${TARGET_S} s target` +
      ` (x${(TARGET_S / s).toFixed(1)} headroom); intruder windows at ranks ${intruderRanks.join(', ') || 'none'} of top ${r.windows.length}`,
  );
  if (run === 2) console.log(`top window: ${r.windows[0]?.kind} ${r.windows[0]?.value}: ${r.windows[0]?.drivers.map((d) => d.text).join('; ')}`);
}
console.log(`(generation ${(genMs / 1000).toFixed(2)} s, not counted; heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB)`);
