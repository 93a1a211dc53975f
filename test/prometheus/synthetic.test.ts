import { describe, expect, it } from "vitest";
import { platform } from "../../config/platform.ts";
import { targetLabels, type MetricUnit } from "../../scripts/engine/model/catalogue.ts";
import { loadCatalogue } from "../../scripts/engine/sources/model-of.ts";
import {
  syntheticFamilies,
  timestamps,
  toOpenMetrics,
  type SyntheticFamily,
} from "../../scripts/engine/prometheus/synthetic/openmetrics.ts";
import { syntheticTargets } from "../../scripts/engine/prometheus/synthetic/targets.ts";
import { repoRoot } from "../helpers/repo.ts";

const { catalogue } = loadCatalogue(repoRoot);
const targets = syntheticTargets(catalogue, platform);
const options = { end: 1_700_000_040, hours: 2, stepSeconds: 60, seed: 7 };
const families = syntheticFamilies(catalogue, targets, options);
const all = families.flatMap((f) => f.series.map((s) => ({ f, s })));
const label = (labels: [string, string][], name: string) => labels.find(([k]) => k === name)?.[1];

/** What a gauge of each unit may plausibly read. */
const plausible: Record<MetricUnit, [number, number]> = {
  none: [0, 1e7],
  seconds: [0, 1e10],
  bytes: [0, 1e12],
  mebibytes: [0, 81_920],
  ratio: [0, 1],
  percent: [0, 100],
  celsius: [20, 95],
  watts: [0, 700],
  megahertz: [100, 3_000],
  requests: [0, 1e4],
  tokens: [0, 1e6],
  messages: [0, 1e6],
};

const nonDecreasing = (values: number[]) => values.every((v, i) => i === 0 || v >= values[i - 1]!);

describe("synthetic series", () => {
  it("are the same bytes for the same seed, and differ for another seed", () => {
    const text = toOpenMetrics(families, options);
    expect(toOpenMetrics(syntheticFamilies(catalogue, targets, options), options)).toBe(text);
    const other = { ...options, seed: 8 };
    expect(toOpenMetrics(syntheticFamilies(catalogue, targets, other), other)).not.toBe(text);
  });

  it("give one instance per job, on the component's port, with every target label", () => {
    const gateway = targets.find((t) => t.job === "api-gateway")!;
    expect(label(gateway.labels, "instance")).toBe("10.42.0.1:4195");
    expect(gateway.labels.map(([k]) => k)).toEqual([...targetLabels]);
    expect(targets.map((t) => t.job)).toEqual([
      ...new Set(catalogue.files.flatMap((f) => f.jobs).sort()),
    ]);
    expect(new Set(targets.map((t) => label(t.labels, "instance"))).size).toBe(targets.length);
  });

  it("cover every catalogue metric for every job of its file, with every example label value", () => {
    for (const file of catalogue.files) {
      for (const m of file.metrics) {
        const family = families.find((f) => f.metric === m)!;
        for (const job of file.jobs) {
          const series = family.series.filter((s) => label(s.labels, "job") === job);
          expect(series.length, `${m.name} for ${job}`).toBeGreaterThan(0);
          for (const l of m.labels) {
            const seen = new Set(series.map((s) => label(s.labels, l)));
            expect([...seen].sort(), `${m.name}{${l}} for ${job}`).toEqual(
              [...(m.labelValues[l] ?? [])].sort(),
            );
          }
        }
        for (const s of family.series) {
          const names = s.labels.map(([k]) => k).filter((k) => k !== "le");
          expect(names).toEqual([...m.labels, ...targetLabels].sort());
        }
      }
    }
  });

  it("have up = 1 for every target", () => {
    const up = families.find((f) => f.metric.name === "up")!;
    expect(up.series.map((s) => label(s.labels, "job")).sort()).toEqual(
      targets.map((t) => t.job).sort(),
    );
    for (const s of up.series) expect(new Set(s.values)).toEqual(new Set([1]));
  });

  it("have counters that only grow", () => {
    const counters = all.filter(({ f }) => f.metric.type === "counter");
    expect(counters.length).toBeGreaterThan(0);
    for (const { s } of counters) expect(nonDecreasing(s.values), s.name).toBe(true);
    // And they do grow: a flat counter would make every rate() zero.
    for (const { s } of counters) expect(s.values.at(-1)!, s.name).toBeGreaterThan(s.values[0]!);
  });

  it("have histograms with cumulative buckets, +Inf equal to _count, _sum consistent", () => {
    const histograms = families.filter((f) => f.metric.type === "histogram");
    expect(histograms.length).toBeGreaterThan(0);
    for (const f of histograms) checkHistogram(f);
  });

  it("keep gauges inside a plausible range for their unit", () => {
    const gauges = all.filter(({ f }) => f.metric.type === "gauge");
    for (const { f, s } of gauges) {
      const [min, max] = plausible[f.metric.unit];
      expect(Math.min(...s.values), s.name).toBeGreaterThanOrEqual(min);
      expect(Math.max(...s.values), s.name).toBeLessThanOrEqual(max);
    }
    const kv = gauges.find(({ s }) => s.name === "vllm:kv_cache_usage_perc")!;
    expect(new Set(kv.s.values).size).toBeGreaterThan(1);
  });

  it("is OpenMetrics text: typed families, samples with second timestamps, # EOF last", () => {
    const lines = toOpenMetrics(families, options).split("\n");
    expect(lines.at(-2)).toBe("# EOF");
    expect(lines).toContain("# TYPE vllm:prompt_tokens counter");
    expect(lines).toContain("# TYPE input_received unknown");
    expect(lines).toContain("# TYPE http_request_duration_seconds histogram");
    const times = timestamps(options);
    expect(times.at(-1)).toBe(options.end);
    expect(times.length).toBe(2 * 60 + 1);
    const up = lines.find((l) => l.startsWith("up{") && l.includes('job="api-gateway"'));
    expect(up).toMatch(/^up\{instance="10\.42\.0\.1:4195",job="api-gateway"[^}]*\} 1 (\d+)$/);
    expect(up!.split(" ")[2]).toBe(String(times[0]));
  });
});

function checkHistogram(f: SyntheticFamily): void {
  const bySet = new Map<string, { le: number; values: number[] }[]>();
  const key = (labels: [string, string][]) => JSON.stringify(labels.filter(([k]) => k !== "le"));
  for (const s of f.series.filter((x) => x.name.endsWith("_bucket"))) {
    const le = Number(label(s.labels, "le")!.replace("+Inf", "Infinity"));
    bySet.set(key(s.labels), [...(bySet.get(key(s.labels)) ?? []), { le, values: s.values }]);
  }
  const find = (suffix: string, k: string) =>
    f.series.find((s) => s.name === f.metric.name + suffix && key(s.labels) === k)!.values;
  for (const [k, buckets] of bySet) {
    const sorted = buckets.sort((a, b) => a.le - b.le);
    expect(sorted.map((b) => b.le)).toEqual([...f.metric.buckets!, Infinity]);
    const count = find("_count", k);
    const sum = find("_sum", k);
    const top = f.metric.buckets!.at(-1)!;
    count.forEach((c, t) => {
      expect(nonDecreasing(sorted.map((b) => b.values[t]!)), `${f.metric.name} at ${t}`).toBe(true);
      expect(sorted.at(-1)!.values[t]).toBe(c);
      // Every observation is positive and, at most, twice the top bucket.
      expect(sum[t]!).toBeGreaterThanOrEqual(0);
      expect(sum[t]!).toBeLessThanOrEqual(c * top * 2 + 1e-6);
    });
    expect(nonDecreasing(count)).toBe(true);
    expect(nonDecreasing(sum)).toBe(true);
    for (const b of sorted) expect(nonDecreasing(b.values)).toBe(true);
    expect(count.at(-1)!).toBeGreaterThan(count[0]!);
  }
}
