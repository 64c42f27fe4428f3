/**
 * Seeded synthetic authentication-like events for tests and the benchmark: users with
 * a home host and a few source IPs, working-hours activity, templates with a Zipf long
 * tail and a low failure rate; plus injected anomalous users whose bursts come at night
 * from a new IP with many failures and rare templates.
 */
import { prng } from '../../sample/prng';
import type { AnomalyEvent } from './features';

export interface SyntheticOptions {
  events: number;
  seed?: number;
  users?: number;
  hosts?: number;
  templates?: number;
  /** Injected anomalous users (named `intruder-<i>`). */
  anomalous?: number;
  days?: number;
}

/** A synthetic event; `injected` marks the anomalous bursts (ground truth). */
export type SyntheticEvent = AnomalyEvent & { injected: boolean };

const HOUR_US = 3_600_000_000;
const START_US = Date.UTC(2026, 0, 5) * 1000;

export function* syntheticEvents(opts: SyntheticOptions): Generator<SyntheticEvent> {
  const r = prng(opts.seed ?? 1);
  const users = opts.users ?? 200;
  const hosts = opts.hosts ?? 40;
  const nTemplates = opts.templates ?? 400;
  const anomalous = opts.anomalous ?? 3;
  const hoursTotal = (opts.days ?? 30) * 24;
  // Zipf(1.1) cumulative weights over template ranks.
  const cdf = new Float64Array(nTemplates);
  let sum = 0;
  for (let t = 0; t < nTemplates; t++) cdf[t] = sum += 1 / (t + 1) ** 1.1;
  const template = (): number => {
    const x = r.next() * sum;
    let lo = 0;
    let hi = nTemplates - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const home = Array.from({ length: users }, () => r.int(hosts));
  const ips = Array.from({ length: users }, () => [0, 1, 2].map(() => `10.${r.int(200)}.${r.int(250)}.${1 + r.int(250)}`));
  // Each intruder bursts in two night hours on days spread over the range.
  const days = hoursTotal / 24;
  const bursts = Array.from({ length: anomalous }, (_, i) => [
    (Math.floor(days * 0.3 + i) % days) * 24 + 2 + r.int(3),
    (Math.floor(days * 0.7 + i) % days) * 24 + 2 + r.int(3),
  ]);
  const burstSize = 60;
  const burstEvents = anomalous * 2 * burstSize;
  const normal = Math.max(0, opts.events - burstEvents);
  // Working hours (8-18 UTC) carry most of the load.
  const hourWeight = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 10 : 1));
  const daySum = hourWeight.reduce((a, b) => a + b, 0);
  let id = 0;
  let emittedNormal = 0;
  for (let hour = 0; hour < hoursTotal; hour++) {
    const share = (hourWeight[hour % 24] as number) / daySum / (hoursTotal / 24);
    // The last hour takes the rounding remainder so the total is exact.
    const left = normal - emittedNormal;
    const n = hour + 1 === hoursTotal ? left : Math.min(left, Math.round(normal * share));
    for (let i = 0; i < n; i++) {
      const u = r.int(users);
      yield {
        id: id++,
        ts: START_US + hour * HOUR_US + Math.floor(r.next() * HOUR_US),
        user: `user${u}`,
        host: `host${home[u] as number}`,
        src_ip: r.pick(ips[u] as string[]),
        templateId: template(),
        outcome: r.next() < 0.03 ? 'failure' : 'success',
        injected: false,
      };
    }
    emittedNormal += n;
    for (let a = 0; a < anomalous; a++) {
      if (!(bursts[a] as number[]).includes(hour)) continue;
      for (let i = 0; i < burstSize; i++) {
        yield {
          id: id++,
          ts: START_US + hour * HOUR_US + Math.floor(r.next() * HOUR_US),
          user: `intruder-${a}`,
          host: `host${r.int(hosts)}`,
          src_ip: `203.0.113.${10 + a}`,
          // Rare templates from the far tail, mixed with common ones.
          templateId: r.next() < 0.5 ? nTemplates - 1 - r.int(20) : template(),
          outcome: r.next() < 0.9 ? 'failure' : 'success',
          injected: true,
        };
      }
    }
  }
}
