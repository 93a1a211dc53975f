import { fileCovers, type Catalogue, type JobScope, type Metric } from "./catalogue.ts";

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

/**
 * The matcher of one bucket bound, however the exporter printed it: Go's client prints 1 as
 * "1", Python's as "1.0" (and Prometheus 3 stores every bound so); Prometheus 2 keeps what it
 * scraped. 2.5 is "2.5" everywhere.
 */
export const leMatcher = (bound: number): string =>
  Number.isInteger(bound) ? `le=~"${bound}|${bound}\\\\.0"` : `le="${bound}"`;

export type SeriesKind = "self" | "bucket" | "sum" | "count" | "created";

export interface ResolvedSeries {
  metric: Metric;
  kind: SeriesKind;
}

const filesByPath = new WeakMap<Catalogue, Map<string, Catalogue["files"][number]>>();

/** The definition of `name` whose file covers `scope`; every scope when `scope` is "any". */
function definition(catalogue: Catalogue, name: string, scope: JobScope | "any") {
  const defs = catalogue.metrics.get(name);
  if (!defs || scope === "any") return defs?.[0];
  let files = filesByPath.get(catalogue);
  if (!files)
    filesByPath.set(catalogue, (files = new Map(catalogue.files.map((f) => [f.file, f]))));
  return defs.find((m) => {
    const file = files!.get(m.file);
    return file !== undefined && fileCovers(file, scope);
  });
}

/**
 * Which catalogue metric a series name belongs to, and which of its series it is, among the
 * catalogue files that cover `scope` (the selector's jobs); "any" ignores the jobs.
 */
export function resolveSeries(
  catalogue: Catalogue,
  name: string,
  scope: JobScope | "any",
): ResolvedSeries | undefined {
  const direct = definition(catalogue, name, scope);
  if (direct) return { metric: direct, kind: "self" };
  for (const kind of ["bucket", "sum", "count", "created"] as const) {
    const suffix = `_${kind}`;
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const metric = definition(catalogue, kind === "created" ? `${base}_total` : base, scope);
    if (metric && derivedNames(metric).includes(name)) return { metric, kind };
  }
  return undefined;
}

/** Every series name the catalogue knows, for "did you mean". */
export function allSeriesNames(catalogue: Catalogue): string[] {
  return [...catalogue.metrics.values()].flatMap((defs) =>
    defs.slice(0, 1).flatMap((m) => [m.name, ...derivedNames(m)]),
  );
}
