/**
 * A catalogue file (the config/metrics/ format) from what an exporter or a Prometheus exposes:
 * families from the series' names and metadata (a histogram from its `_bucket` series and their
 * `le`, a summary from `quantile`), label names with the values seen, buckets, units. Where the
 * source says no type, the name's convention or the samples' movement decide, and the file says
 * so in a comment beside the metric. Pure: the same input gives the same bytes.
 */
import { Document, isMap, isScalar, isSeq, visit } from "yaml";
import type { MetricType, MetricUnit } from "../model/catalogue.ts";
import type { FamilyMeta, SeriesSeen } from "./exposition.ts";

export interface ImportSource {
  meta: Map<string, FamilyMeta>;
  series: Iterable<SeriesSeen>;
}

export interface ImportOptions {
  /** Where it came from, for the file's header. */
  from: string;
  component: string;
  description?: string;
  /** Jobs the file is for; undefined: every `job` the series carry. */
  jobs?: string[];
}

interface Built {
  name: string;
  type: MetricType;
  unit: MetricUnit;
  help: string;
  labels: Map<string, Set<string>>;
  buckets: Set<number>;
  /** Why the type is what it is, when the source did not say. */
  guessed?: string;
}

/** Label values kept per label: examples, not an inventory. */
const maxValues = 10;

const unitBySuffix: [RegExp, MetricUnit][] = [
  [/_seconds(_total|_bucket|_count|_sum)?$/, "seconds"],
  [/_bytes(_total)?$/, "bytes"],
  [/_ratio$/, "ratio"],
  [/_percent$/, "percent"],
  [/_celsius$/, "celsius"],
  [/_watts$/, "watts"],
];
const unitByName: Record<string, MetricUnit> = {
  seconds: "seconds",
  bytes: "bytes",
  ratio: "ratio",
  percent: "percent",
  celsius: "celsius",
  watts: "watts",
};

const typeByMeta: Record<string, MetricType> = {
  counter: "counter",
  gauge: "gauge",
  histogram: "histogram",
  gaugehistogram: "histogram",
  summary: "summary",
  info: "gauge",
  stateset: "gauge",
};

const strip = (name: string, suffix: string) =>
  name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;

export function buildCatalogue(source: ImportSource, o: ImportOptions): string {
  const all = [...source.series].filter(
    (s) => o.jobs === undefined || s.labels.job === undefined || o.jobs.includes(s.labels.job),
  );
  const names = new Set(all.map((s) => s.name));
  // Families with parts: histograms (buckets with `le`) and summaries (`quantile`).
  const histograms = new Set(
    all.filter((s) => s.labels.le !== undefined).flatMap((s) => strip(s.name, "_bucket") ?? []),
  );
  for (const [name, m] of source.meta)
    if (typeByMeta[m.type ?? ""] === "histogram") histograms.add(name);
  const summaries = new Set(all.filter((s) => s.labels.quantile !== undefined).map((s) => s.name));
  // `x_sum` and `x_count` without buckets: a summary without quantiles (sizes, durations).
  for (const n of names) {
    const base = strip(n, "_sum");
    if (base !== undefined && names.has(`${base}_count`) && !histograms.has(base))
      summaries.add(base);
  }
  for (const [name, m] of source.meta) if (m.type === "summary") summaries.add(name);
  const partOf = (name: string): string | undefined => {
    for (const suffix of ["_bucket", "_count", "_sum", "_created"]) {
      const base = strip(name, suffix);
      if (base !== undefined && (histograms.has(base) || summaries.has(base))) return base;
    }
    // OpenMetrics counters: family `x`, samples `x_total` and `x_created`.
    const created = strip(name, "_created");
    if (created !== undefined && names.has(`${created}_total`)) return `${created}_total`;
    return undefined;
  };
  // Labels on every series are the scrape's (relabelling), not the exporter's.
  const common = all.length === 0 ? new Set<string>() : new Set(Object.keys(all[0]!.labels));
  for (const s of all) for (const l of common) if (!(l in s.labels)) common.delete(l);
  const targetLabels = [...common].filter((l) => l !== "job" && l !== "instance").sort();
  const skip = new Set(["job", "instance", "le", "quantile", ...targetLabels]);

  const metrics = new Map<string, Built>();
  const movement = new Map<string, { decreased: boolean; increased: boolean; multi: boolean }>();
  for (const s of all) {
    const name = partOf(s.name) ?? s.name;
    let m = metrics.get(name);
    if (!m) {
      const family =
        source.meta.get(name) ??
        source.meta.get(strip(name, "_total") ?? "") ??
        source.meta.get(strip(name, "_info") ?? "");
      const type = histograms.has(name)
        ? "histogram"
        : summaries.has(name)
          ? "summary"
          : typeByMeta[family?.type ?? ""];
      m = {
        name,
        type: type ?? "gauge",
        unit:
          unitByName[family?.unit ?? ""] ??
          unitBySuffix.find(([re]) => re.test(name))?.[1] ??
          "none",
        help: family?.help?.trim() || "No HELP text in the source: say what it measures.",
        labels: new Map(),
        buckets: new Set(),
        ...(type === undefined ? { guessed: "" } : {}),
      };
      metrics.set(name, m);
    }
    for (const [label, value] of Object.entries(s.labels)) {
      if (label === "le" && Number.isFinite(Number(value))) m.buckets.add(Number(value));
      if (skip.has(label)) continue;
      const values = m.labels.get(label) ?? new Set<string>();
      values.add(value);
      m.labels.set(label, values);
    }
    const mv = movement.get(name) ?? { decreased: false, increased: false, multi: false };
    movement.set(name, {
      decreased: mv.decreased || s.decreased,
      increased: mv.increased || s.increased,
      multi: mv.multi || s.samples > 1,
    });
  }
  for (const m of metrics.values()) {
    if (m.guessed === undefined) continue;
    const mv = movement.get(m.name)!;
    if (m.name.endsWith("_total")) {
      m.type = "counter";
      m.guessed = "untyped in the source: a counter by its _total suffix";
    } else if (mv.multi && mv.increased && !mv.decreased) {
      m.type = "counter";
      m.guessed = "untyped in the source: a counter, since its samples only ever grew";
    } else {
      m.guessed = `untyped in the source: taken for a gauge${mv.multi ? " (its samples went down too)" : ""}; make it a counter if it only counts up`;
    }
  }

  const jobs =
    o.jobs ?? [...new Set(all.flatMap((s) => (s.labels.job ? [s.labels.job] : [])))].sort();
  const sorted = [...metrics.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const doc = new Document({
    component: o.component,
    description: o.description ?? `Imported from ${o.from}.`,
    jobs,
    targetLabels,
    metrics: sorted.map((m) => ({
      name: m.name,
      type: m.type,
      unit: m.unit,
      help: m.help,
      ...(m.labels.size > 0
        ? {
            labels: Object.fromEntries(
              [...m.labels]
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([l, vs]) => [l, [...vs].sort().slice(0, maxValues)]),
            ),
          }
        : {}),
      ...(m.type === "histogram" ? { buckets: [...m.buckets].sort((a, b) => a - b) } : {}),
    })),
  });
  doc.commentBefore = ` Imported by \`npm run catalogue -- import\` from ${o.from}.\n Review what was guessed (types the source did not give, units from names) before relying on it.`;
  const list = doc.get("metrics");
  if (isSeq(list)) {
    list.items.forEach((item, i) => {
      const guessed = sorted[i]!.guessed;
      if (guessed && isMap(item)) item.commentBefore = ` ${guessed}`;
    });
  }
  // Lists of names and numbers on one line, as config/metrics/ writes them.
  visit(doc, {
    Seq(_key, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}
