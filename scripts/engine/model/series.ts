import type { Catalogue, Metric } from "./catalogue.ts";

/**
 * Series names a metric exposes besides its own: a histogram's `_bucket`/`_sum`/`_count`, a
 * summary's `_sum`/`_count`, and the `_created` series client libraries add to `_total` counters.
 */
export function derivedNames(m: Pick<Metric, "name" | "type">): string[] {
  switch (m.type) {
    case "histogram":
      return [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`];
    case "summary":
      return [`${m.name}_sum`, `${m.name}_count`];
    case "counter":
      return m.name.endsWith("_total") ? [`${m.name.slice(0, -"_total".length)}_created`] : [];
    case "gauge":
      return [];
  }
}

export type SeriesKind = "self" | "bucket" | "sum" | "count" | "created";

export interface ResolvedSeries {
  metric: Metric;
  kind: SeriesKind;
}

/** Which catalogue metric a series name belongs to, and which of its series it is. */
export function resolveSeries(catalogue: Catalogue, name: string): ResolvedSeries | undefined {
  const direct = catalogue.metrics.get(name);
  if (direct) return { metric: direct, kind: "self" };
  for (const kind of ["bucket", "sum", "count", "created"] as const) {
    const suffix = `_${kind}`;
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const candidates = kind === "created" ? [`${base}_total`] : [base];
    for (const c of candidates) {
      const metric = catalogue.metrics.get(c);
      if (metric && derivedNames(metric).includes(name)) return { metric, kind };
    }
  }
  return undefined;
}

/** Every series name the catalogue knows, for "did you mean". */
export function allSeriesNames(catalogue: Catalogue): string[] {
  return [...catalogue.metrics.values()].flatMap((m) => [m.name, ...derivedNames(m)]);
}
