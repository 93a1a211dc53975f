/**
 * Series as Prometheus stores them after scraping an exporter: one sample per step, target
 * labels on every series, nothing while the target is down or gone (Prometheus marks the
 * series stale), and `up` for every discovered target.
 */
import type { DrillSeries } from "../../../scripts/authoring/index.ts";
import { platform } from "../../../config/platform.ts";

/** A value over the drill's time, t in seconds from its start. */
export type Curve<T = number> = (t: number) => T;

/** Observed values with the share of observations each takes: `[[0.9, 0.2], [0.1, 1.1]]`. */
export type Distribution = readonly (readonly [share: number, value: number])[];

/** The mean of the observed values. */
export const mean = (d: Distribution): number => d.reduce((s, [p, v]) => s + p * v, 0);

/** How an exporter prints a bucket bound: client_golang `1`, Python's client `1.0`. */
export type LeFormat = "go" | "python";

const le = (bound: number, format: LeFormat): string =>
  format === "python" && Number.isInteger(bound) ? `${bound}.0` : String(bound);

/** Seconds of history a counter has when the drill starts: the process has been running. */
const history = 3600;

export interface Target {
  job: string;
  instance: string;
  /** Whether Kubernetes discovery lists the target: without it there is not even `up`. */
  discovered: Curve<boolean>;
  /** Whether the scrape succeeds (the process is alive and answers /metrics). */
  scraped: Curve<boolean>;
  /** When the process restarted (seconds into the drill): its counters start again from 0. */
  restartedAt?: number;
}

/** How a pod differs from a healthy one that ran all along. */
export type Health = Partial<Pick<Target, "discovered" | "scraped" | "restartedAt">>;

/** A pod of a component: its job, `<job>-<i>` as pod and instance, healthy unless told. */
export const pod = (job: string, i: number, health: Health = {}): Target => ({
  job,
  instance: `${job}-${i}`,
  discovered: health.discovered ?? (() => true),
  scraped: health.scraped ?? (() => true),
  ...(health.restartedAt === undefined ? {} : { restartedAt: health.restartedAt }),
});

/** Health per replica, as every component's spec has it. */
export type Replicas = {
  replicas: number;
  health: (replica: number) => Health;
};

/** The pods of a component: one per replica, each as healthy as its spec says. */
export const podsOf = (job: string, spec: Replicas): Target[] =>
  Array.from({ length: spec.replicas }, (_, i) => pod(job, i, spec.health(i)));

export class SeriesSet {
  private readonly series: DrillSeries[] = [];

  /** `times`: the sample times in seconds; `step` the seconds between them. */
  constructor(
    readonly times: readonly number[],
    readonly step: number,
  ) {}

  private labelsOf(target: Target, labels: Record<string, string>): Record<string, string> {
    return {
      ...labels,
      job: target.job,
      instance: target.instance,
      namespace: platform.namespace,
      pod: target.instance,
    };
  }

  private visible(target: Target, t: number): boolean {
    return target.discovered(t) && target.scraped(t);
  }

  /** A series whose value at each step is `value(t)`, or nothing where the target is not read. */
  add(target: Target, name: string, labels: Record<string, string>, value: Curve<number | null>) {
    this.series.push({
      name,
      labels: this.labelsOf(target, labels),
      values: this.times.map((t) => (this.visible(target, t) ? value(t) : null)),
    });
  }

  /**
   * Every series, one per name and label set: the same series exported two ways over time
   * (a timer's `_count` as a histogram, then as a summary) is one series to Prometheus.
   */
  all(): DrillSeries[] {
    const byKey = new Map<string, DrillSeries>();
    for (const s of this.series) {
      const key = `${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`;
      const seen = byKey.get(key);
      byKey.set(key, seen ? { ...seen, values: seen.values.map((v, k) => v ?? s.values[k]!) } : s);
    }
    // A series never exported in the drill's time is no series at all.
    return [...byKey.values()].filter((s) => s.values.some((v) => v !== null));
  }

  /** Series `add` adds are there only while `when(t)` holds (an exporter setting that changes). */
  only(when: Curve<boolean>, add: () => void) {
    const from = this.series.length;
    add();
    for (let i = from; i < this.series.length; i++) {
      const s = this.series[i]!;
      this.series[i] = { ...s, values: s.values.map((v, k) => (when(this.times[k]!) ? v : null)) };
    }
  }

  /** `up`: 1 while scraped, 0 while the scrape fails, absent while discovery lists nothing. */
  up(target: Target) {
    this.series.push({
      name: "up",
      labels: this.labelsOf(target, {}),
      values: this.times.map((t) => (!target.discovered(t) ? null : target.scraped(t) ? 1 : 0)),
    });
  }

  /**
   * A counter of `rate` events per second, rounded down as a counter of events reads. One the
   * exporter creates on its first event (Benthos' per-status-class counters) has no series
   * before it, nor after a restart until the next.
   */
  counter(
    target: Target,
    name: string,
    labels: Record<string, string>,
    rate: Curve,
    createdOnFirstEvent = false,
  ) {
    const totals = this.accumulate(target, rate, Math.floor);
    this.add(target, name, labels, (t) => {
      const v = totals[this.index(t)]!;
      return createdOnFirstEvent && v === 0 ? null : v;
    });
  }

  /**
   * A histogram of `rate` observations per second distributed as `dist`: cumulative `_bucket`
   * series per bound and +Inf, `_count` and `_sum`, consistent at every step.
   */
  histogram(
    target: Target,
    name: string,
    labels: Record<string, string>,
    buckets: readonly number[],
    format: LeFormat,
    rate: Curve,
    dist: Curve<Distribution>,
  ) {
    const share = (t: number, bound: number) =>
      dist(t).reduce((s, [p, v]) => (v <= bound ? s + p : s), 0);
    for (const bound of [...buckets, Infinity]) {
      const bucket = { ...labels, le: bound === Infinity ? "+Inf" : le(bound, format) };
      this.counter(target, `${name}_bucket`, bucket, (t) => rate(t) * share(t, bound));
    }
    this.counter(target, `${name}_count`, labels, rate);
    // The sum of a measured quantity (seconds), kept to the millisecond.
    const sums = this.accumulate(
      target,
      (t) => rate(t) * mean(dist(t)),
      (v) => Math.round(v * 1000) / 1000,
    );
    this.add(target, `${name}_sum`, labels, (t) => sums[this.index(t)]!);
  }

  /**
   * Running totals of `rate` since the process started (`history` before the drill, or at the
   * target's restart), rounded.
   */
  private accumulate(target: Target, rate: Curve, round: (exact: number) => number): number[] {
    let exact = rate(this.times[0] ?? 0) * history;
    const restart = target.restartedAt === undefined ? -1 : this.index(target.restartedAt);
    return this.times.map((t, k) => {
      if (k === restart) exact = 0;
      const v = round(exact);
      exact += rate(t) * this.step;
      return v;
    });
  }

  /** The position of time t among the sample times. */
  index(t: number): number {
    return Math.round((t - (this.times[0] ?? 0)) / this.step);
  }
}
