import type { Catalogue, Metric, MetricUnit } from "../../model/catalogue.ts";
import { profileOf } from "./profile.ts";
import { hashSeed, random } from "./random.ts";
import { shape } from "./shapes.ts";

/**
 * Synthetic series for every catalogue metric, as OpenMetrics text that
 * `promtool tsdb create-blocks-from openmetrics` loads. Pure and deterministic: the same
 * catalogue, targets and options give the same bytes.
 */
export interface SyntheticOptions {
  /** Unix time (seconds) of the last sample. */
  end: number;
  /** How far back the data goes. */
  hours: number;
  /** Seconds between two samples (the scrape interval the data pretends to have). */
  stepSeconds: number;
  seed: number;
}

/** A scrape target: one `instance` of a `job`, with the labels its series carry. */
export interface Target {
  job: string;
  /** Target labels (`job`, `instance`, ...) added to every series of the target. */
  labels: [string, string][];
}

export interface SyntheticSeries {
  name: string;
  /** Every label, the target's included, sorted by name. */
  labels: [string, string][];
  values: number[];
}

export interface SyntheticFamily {
  metric: Metric;
  /** OpenMetrics family name and type (`_total` counters are family `x` with samples `x_total`). */
  family: string;
  type: "counter" | "gauge" | "histogram" | "summary" | "unknown";
  series: SyntheticSeries[];
}

/** Units whose values are counted, not measured: their series hold integers. */
const countUnits = new Set<MetricUnit>([
  "none",
  "requests",
  "messages",
  "tokens",
  "bytes",
  "mebibytes",
]);

/** Sample times, oldest first, ending at `end`. */
export function timestamps(o: SyntheticOptions): number[] {
  const steps = Math.floor((o.hours * 3600) / o.stepSeconds) + 1;
  return Array.from({ length: steps }, (_, i) => o.end - (steps - 1 - i) * o.stepSeconds);
}

/** Every combination of the metric's example label values. */
function labelSets(m: Metric): [string, string][][] {
  let sets: [string, string][][] = [[]];
  for (const label of m.labels) {
    const values = m.labelValues[label]?.length ? m.labelValues[label]! : [label];
    sets = sets.flatMap((s) => values.map((v): [string, string][] => [...s, [label, v]]));
  }
  return sets;
}

function familyOf(m: Metric): Pick<SyntheticFamily, "family" | "type"> {
  if (m.type !== "counter") return { family: m.name, type: m.type };
  // OpenMetrics counters are sampled as `<family>_total`; Benthos counters have no suffix and
  // are loaded as untyped series (the TSDB keeps no types, so queries see the same thing).
  return m.name.endsWith("_total")
    ? { family: m.name.slice(0, -"_total".length), type: "counter" }
    : { family: m.name, type: "unknown" };
}

const byName = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);

/** The synthetic data of every catalogue metric, for every job its file lists. */
export function syntheticFamilies(
  catalogue: Catalogue,
  targets: Target[],
  o: SyntheticOptions,
): SyntheticFamily[] {
  const steps = timestamps(o).length;
  const start = o.end - (steps - 1) * o.stepSeconds;
  return catalogue.files.flatMap((file) =>
    file.metrics.map((metric): SyntheticFamily => {
      const profile = profileOf(metric, start);
      const series = file.jobs.flatMap((job) => {
        const instances = targets.filter((t) => t.job === job);
        if (instances.length === 0) {
          throw new Error(
            `${file.file}: job "${job}" has no synthetic target; add it to the targets.`,
          );
        }
        return instances.flatMap((t) =>
          labelSets(metric).flatMap((set) => {
            const base: [string, string][] = [...set, ...t.labels];
            const r = random(hashSeed(`${o.seed}/${metric.name}/${JSON.stringify(base)}`));
            return shape(r, profile, steps, o.stepSeconds, countUnits.has(metric.unit)).map(
              (p) => ({
                name: metric.name + p.suffix,
                labels: [...base, ...Object.entries(p.labels)].sort(byName),
                values: p.values,
              }),
            );
          }),
        );
      });
      return { metric, ...familyOf(metric), series };
    }),
  );
}

const escapeLabel = (v: string): string =>
  v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const escapeHelp = (v: string): string => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

/** OpenMetrics text of the families: each series' samples in time order, `# EOF` last. */
export function toOpenMetrics(families: SyntheticFamily[], o: SyntheticOptions): string {
  const times = timestamps(o);
  const out: string[] = [];
  for (const f of families) {
    out.push(`# TYPE ${f.family} ${f.type}`, `# HELP ${f.family} ${escapeHelp(f.metric.help)}`);
    for (const s of f.series) {
      const head = `${s.name}{${s.labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
      s.values.forEach((v, i) => out.push(`${head} ${v} ${times[i]}`));
    }
  }
  out.push("# EOF");
  return out.join("\n") + "\n";
}
