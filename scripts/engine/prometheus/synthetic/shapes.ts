import type { Profile } from "./profile.ts";
import { between, normal, type Random } from "./random.ts";

/**
 * Time series shapes, one value per step. Counters only grow, histograms keep their cumulative
 * buckets, `_count` and `_sum` consistent at every step, gauges stay inside their range.
 */
export interface Points {
  /** Series-name suffix (`_bucket`, `_sum`, `_count`, or "" for the metric itself). */
  suffix: string;
  /** Extra labels (`le` for buckets). */
  labels: Record<string, string>;
  values: number[];
}

/** A level that drifts slowly around its start (a random walk in log space, within 0.5x..2x). */
function drift(r: Random, steps: number, start: number): number[] {
  const out: number[] = [];
  let log = 0;
  for (let i = 0; i < steps; i++) {
    log = Math.max(-0.7, Math.min(0.7, 0.95 * log + 0.08 * normal(r)));
    out.push(start * Math.exp(log));
  }
  return out;
}

/** Rounds a cumulative total so that it never decreases and never drifts from the exact sum. */
const roundUp = (exact: number, integer: boolean): number =>
  integer ? Math.floor(exact) : Number(exact.toPrecision(10));

function counter(
  r: Random,
  steps: number,
  step: number,
  perSecond: [number, number],
  integer: boolean,
): Points[] {
  const rates = drift(r, steps, between(r, ...perSecond));
  // A process that has been running a while: the counter starts somewhere above zero.
  let exact = rates[0]! * between(r, 600, 7_200);
  const values = rates.map((rate) => {
    exact += rate * step * between(r, 0.8, 1.2);
    return roundUp(exact, integer);
  });
  return [{ suffix: "", labels: {}, values }];
}

function gauge(r: Random, steps: number, [min, max]: [number, number], integer: boolean): Points[] {
  let p = r();
  const values: number[] = [];
  for (let i = 0; i < steps; i++) {
    // Mean-reverting walk on the position inside [min, max].
    p = Math.max(0, Math.min(1, p + 0.05 * (0.5 - p) + 0.04 * normal(r)));
    const v = min + p * (max - min);
    values.push(integer ? Math.round(v) : Number(v.toPrecision(6)));
  }
  return [{ suffix: "", labels: {}, values }];
}

/** erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7): enough to shape a latency curve. */
function erf(x: number): number {
  const s = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return s * y;
}

/** Share of log-normal observations (median `m`, log-spread `sigma`) at or below `x`. */
const logNormalCdf = (x: number, m: number, sigma: number): number =>
  0.5 * (1 + erf(Math.log(x / m) / (sigma * Math.SQRT2)));

/** Split `n` observations across buckets in proportion to `shares`, as integers summing to `n`. */
function apportion(n: number, shares: number[]): number[] {
  const exact = shares.map((s) => s * n);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

const formatLe = (b: number): string => (b === Infinity ? "+Inf" : String(b));

function histogram(
  r: Random,
  steps: number,
  step: number,
  p: Extract<Profile, { kind: "histogram" }>,
): Points[] {
  const bounds = [...p.buckets, Infinity];
  // The value each bucket's observations add to `_sum`: the middle of the bucket.
  const typical = bounds.map((b, i) =>
    b === Infinity
      ? p.buckets[p.buckets.length - 1]! * 2
      : i === 0
        ? b / 2
        : (b + bounds[i - 1]!) / 2,
  );
  const rates = drift(r, steps, between(r, ...p.observationsPerSecond));
  const medians = drift(r, steps, p.median);
  const cumulative = bounds.map(() => 0);
  const buckets = bounds.map(() => [] as number[]);
  const sum: number[] = [];
  const count: number[] = [];
  let total = 0;
  let sumTotal = 0;
  rates.forEach((rate, t) => {
    const n = Math.round(rate * step * between(r, 0.8, 1.2));
    const cdf = bounds.map((b) => (b === Infinity ? 1 : logNormalCdf(b, medians[t]!, 0.8)));
    const added = apportion(
      n,
      cdf.map((c, i) => c - (i === 0 ? 0 : cdf[i - 1]!)),
    );
    let running = 0;
    added.forEach((a, i) => {
      running += a;
      cumulative[i]! += running;
      sumTotal += a * typical[i]!;
    });
    total += n;
    cumulative.forEach((c, i) => buckets[i]!.push(c));
    count.push(total);
    sum.push(Number(sumTotal.toPrecision(12)));
  });
  return [
    ...bounds.map((b, i) => ({
      suffix: "_bucket",
      labels: { le: formatLe(b) },
      values: buckets[i]!,
    })),
    { suffix: "_sum", labels: {}, values: sum },
    { suffix: "_count", labels: {}, values: count },
  ];
}

function summary(
  r: Random,
  steps: number,
  step: number,
  p: Extract<Profile, { kind: "summary" }>,
): Points[] {
  const rates = drift(r, steps, between(r, ...p.observationsPerSecond));
  const mean = between(r, ...p.mean);
  let total = 0;
  let sumTotal = 0;
  const sum: number[] = [];
  const count: number[] = [];
  for (const rate of rates) {
    const n = Math.round(rate * step * between(r, 0.8, 1.2));
    total += n;
    sumTotal += n * mean * between(r, 0.7, 1.3);
    count.push(total);
    sum.push(Number(sumTotal.toPrecision(12)));
  }
  return [
    { suffix: "_sum", labels: {}, values: sum },
    { suffix: "_count", labels: {}, values: count },
  ];
}

/** The points of one series of a metric with this profile. `integer`: counts, not amounts. */
export function shape(
  r: Random,
  p: Profile,
  steps: number,
  step: number,
  integer: boolean,
): Points[] {
  switch (p.kind) {
    case "counter":
      return counter(r, steps, step, p.perSecond, integer);
    case "gauge":
      return gauge(r, steps, p.range, integer);
    case "constant":
      return [{ suffix: "", labels: {}, values: Array<number>(steps).fill(p.value) }];
    case "histogram":
      return histogram(r, steps, step, p);
    case "summary":
      return summary(r, steps, step, p);
  }
}
