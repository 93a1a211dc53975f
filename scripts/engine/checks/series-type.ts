import type { Enclosing, Selector } from "../promql/selectors.ts";
import type { SeriesIndex } from "./known-series.ts";

/** How a series behaves over time, which decides the functions that make sense on it. */
export type SeriesType = "counter" | "gauge" | "bucket" | "summary-quantile";

/** The behaviour of a series name, or undefined for recording rules and unknown names. */
export function seriesType(index: SeriesIndex, name: string): SeriesType | undefined {
  const known = index.lookup(name);
  if (known?.kind !== "catalogue") return undefined;
  const { metric, kind } = known.series;
  switch (kind) {
    case "bucket":
      return "bucket";
    case "sum":
    case "count":
      return "counter";
    case "created":
      return "gauge";
    case "self":
      return metric.type === "counter"
        ? "counter"
        : metric.type === "summary"
          ? "summary-quantile"
          : "gauge";
  }
}

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
