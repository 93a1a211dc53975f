import type { Metric, MetricUnit } from "../../model/catalogue.ts";

/**
 * How a metric behaves in the synthetic data: plausible magnitudes for its unit, so panels and
 * alert operands see values of the right order (a ratio stays in 0..1, a temperature in °C).
 */
export type Profile =
  | { kind: "counter"; perSecond: [number, number] }
  | { kind: "gauge"; range: [number, number] }
  /** A gauge that holds one value: `up` is 1, a start time is a timestamp. */
  | { kind: "constant"; value: number }
  | {
      kind: "histogram";
      buckets: number[];
      observationsPerSecond: [number, number];
      /** Median of the observed values: where most observations fall in the bucket layout. */
      median: number;
    }
  | { kind: "summary"; observationsPerSecond: [number, number]; mean: [number, number] };

const gaugeRanges: Record<MetricUnit, [number, number]> = {
  none: [1, 100],
  seconds: [0.005, 0.5],
  bytes: [5e7, 8e9],
  mebibytes: [1_000, 80_000],
  ratio: [0.05, 0.95],
  percent: [5, 95],
  celsius: [35, 80],
  watts: [60, 350],
  megahertz: [900, 1_980],
  requests: [0, 30],
  tokens: [0, 4_096],
  messages: [0, 2_000],
};

const counterRates: Record<MetricUnit, [number, number]> = {
  none: [0.001, 0.05],
  seconds: [0.2, 2],
  bytes: [1e4, 1e6],
  mebibytes: [1, 100],
  ratio: [0.01, 0.1],
  percent: [1, 10],
  celsius: [0.1, 1],
  watts: [100, 300],
  megahertz: [1, 10],
  requests: [2, 40],
  tokens: [200, 4_000],
  messages: [2, 40],
};

/** Counters of failures and refusals: a small share of the traffic, but never flat zero. */
const failureLike = /error|failed|lost|rejected|5xx|4xx|triggered|preemption|quota_exceeded/;
const failureRate: [number, number] = [0.01, 0.5];

const summaryMeans: Partial<Record<MetricUnit, [number, number]>> = {
  bytes: [200, 20_000],
  seconds: [0.01, 1],
};

/** The profile of a catalogue metric. `start` (seconds) dates `*_start_time_seconds` gauges. */
export function profileOf(m: Metric, start: number): Profile {
  switch (m.type) {
    case "counter":
      return {
        kind: "counter",
        perSecond: failureLike.test(m.name) ? failureRate : counterRates[m.unit],
      };
    case "gauge":
      if (m.name === "up") return { kind: "constant", value: 1 };
      if (m.name.endsWith("_start_time_seconds"))
        return { kind: "constant", value: start - 86_400 };
      if (m.name.endsWith("_max_fds")) return { kind: "constant", value: 1_048_576 };
      return { kind: "gauge", range: gaugeRanges[m.unit] };
    case "histogram": {
      const buckets = m.buckets ?? [1];
      // Most observations fall a third of the way up the layout, with a tail above it.
      const i = Math.floor((buckets.length - 1) / 3);
      const median = Math.sqrt(buckets[i]! * (buckets[i + 1] ?? buckets[i]! * 2));
      return { kind: "histogram", buckets, observationsPerSecond: [1, 20], median };
    }
    case "summary":
      return {
        kind: "summary",
        observationsPerSecond: [1, 20],
        mean: summaryMeans[m.unit] ?? [1, 100],
      };
  }
}
