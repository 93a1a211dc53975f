import type { Enclosing, Selector } from "../promql/selectors.ts";
import type { Scope, SeriesIndex } from "./known-series.ts";

/** How a series behaves over time, which decides the functions that make sense on it. */
export type SeriesType = "counter" | "gauge" | "bucket" | "summary-quantile";

export interface TypedSeries {
  type: SeriesType;
  /**
   * Set when no catalogue knows the series and its type comes from Prometheus' naming
   * conventions: the suffix it was told by (`_total`). Such findings are warnings that say so.
   */
  inferredFrom?: string;
}

/**
 * Words of counters that predate the `_total` convention (`node_network_receive_bytes`,
 * `..._disk_write_bytes`, `process_cpu_seconds`): such a name is no gauge for sure.
 */
const counterWords =
  /(^|_)(receive[ds]?|transmit(ted)?|read|reads|written|writes?|sent|recv|rx|tx|in|out|io|cpu|processed|transferred|requests?|errors?|total)(_|$)/;

/**
 * Prometheus' naming conventions, for a series no catalogue describes: `_total` is a counter,
 * `_bucket` a histogram's buckets; `_count` and `_sum` are a histogram's or summary's counters
 * when the query names another part of the family (alone they are as often gauges:
 * `..._task_count`); `_bytes`, `_seconds`, `_ratio` and `_info` are gauges (a counter of those
 * ends in `_total`), unless the name reads like a counter of an older exporter.
 * `family` is every series name the query selects.
 */
export function inferredType(name: string, family: ReadonlySet<string>): TypedSeries | undefined {
  const suffix = /_(total|bucket|count|sum|bytes|seconds|ratio|info)$/.exec(name);
  if (!suffix) return undefined;
  const inferredFrom = suffix[0];
  const base = name.slice(0, -inferredFrom.length);
  switch (suffix[1]) {
    case "total":
      return { type: "counter", inferredFrom };
    case "bucket":
      return { type: "bucket", inferredFrom };
    case "count":
    case "sum":
      return ["_bucket", "_count", "_sum"].some((p) => p !== inferredFrom && family.has(base + p))
        ? { type: "counter", inferredFrom }
        : undefined;
    default:
      return counterWords.test(base) ? undefined : { type: "gauge", inferredFrom };
  }
}

/**
 * The behaviour of a series name for selectors of `scope`: from the catalogue, or inferred from
 * the name when neither the catalogue nor a recording rule knows it (`family`: every name the
 * query selects).
 */
export function seriesType(
  index: SeriesIndex,
  name: string,
  scope: Scope,
  family: ReadonlySet<string> = new Set(),
): TypedSeries | undefined {
  const known = index.lookup(name, scope);
  if (known === undefined) return inferredType(name, family);
  if (known.kind !== "catalogue") return undefined;
  const { metric, kind } = known.series;
  switch (kind) {
    case "bucket":
      return { type: "bucket" };
    case "sum":
    case "count":
      return { type: "counter" };
    case "created":
      return { type: "gauge" };
    case "self":
      return {
        type:
          metric.type === "counter"
            ? "counter"
            : metric.type === "summary"
              ? "summary-quantile"
              : "gauge",
      };
  }
}

/** The end of a message about a series whose type was inferred, and the severity it gets. */
export const inferredNote = (t: TypedSeries): { note: string; severity?: "warning" } =>
  t.inferredFrom
    ? {
        note: ` (Its type is inferred from the "${t.inferredFrom}" suffix: no catalogue entry describes it. Give its exporter's catalogue with --catalogue if the name misleads.)`,
        severity: "warning",
      }
    : { note: "" };

/** Functions that turn a counter's samples into something meaningful. */
export const counterFunctions = new Set(["rate", "irate", "increase", "resets"]);

/** Functions and aggregations that only look at which series exist, so any type will do. */
export const typeAgnostic = new Set([
  "absent",
  "absent_over_time",
  "present_over_time",
  "count_over_time",
  "count",
  "group",
  "timestamp",
  "changes",
]);

/** Functions that hand their argument's values on unchanged: the type question passes through. */
const seeThrough = new Set(["label_replace", "label_join", "sort", "sort_desc", "last_over_time"]);

/** What really consumes a selector's values: the innermost enclosing call that changes them. */
export const consumerOf = (s: Selector): Enclosing | undefined =>
  s.enclosing.find((e) => !seeThrough.has(e.name));
