import type { SyntaxNode } from "@lezer/common";
import type { MetricUnit } from "../model/catalogue.ts";
import type { ParsedQuery } from "../promql/parse.ts";
import { binaryOperator, describeNode, selectorsIn, type Selector } from "../promql/selectors.ts";
import { child, exprChildren, transparent } from "../promql/tree.ts";
import type { Known } from "./known-series.ts";

/**
 * What a query's values measure: a value in a catalogue unit, a per-second rate of one, or a
 * dimensionless ratio. Undefined where the expression does something this does not follow.
 */
export type ResultUnit =
  { kind: "value"; unit: MetricUnit } | { kind: "rate"; unit: MetricUnit } | { kind: "ratio" };

/** Units that count things rather than measure them. */
const countable = new Set<MetricUnit>(["none", "requests", "tokens", "messages"]);

const passThroughFunctions = new Set([
  "abs",
  "ceil",
  "floor",
  "round",
  "clamp",
  "clamp_min",
  "clamp_max",
  "avg_over_time",
  "min_over_time",
  "max_over_time",
  "last_over_time",
  "quantile_over_time",
  "label_replace",
  "label_join",
  "sort",
  "sort_desc",
]);
const passThroughAggregations = new Set([
  "sum",
  "avg",
  "min",
  "max",
  "topk",
  "bottomk",
  "quantile",
  "stddev",
  "limitk",
]);

/** What is known about a selector's series (its jobs taken into account). */
type Lookup = (s: Selector) => Known | undefined;

export function resultUnit(
  q: ParsedQuery,
  node: SyntaxNode,
  lookup: Lookup,
): ResultUnit | undefined {
  if (transparent.has(node.name)) {
    const inner = exprChildren(node)[0];
    return inner && resultUnit(q, inner, lookup);
  }
  if (node.name === "VectorSelector") {
    const selector = selectorsIn(q, node)[0];
    const known = selector ? lookup(selector) : undefined;
    if (known?.kind !== "catalogue") return undefined;
    const { metric: m, kind } = known.series;
    if (kind === "bucket") return undefined;
    return { kind: "value", unit: kind === "count" || kind === "created" ? "none" : m.unit };
  }
  const e = describeNode(q, node);
  if (!e) return undefined;
  const args = (() => {
    const body = child(node, "FunctionCallBody");
    return body ? exprChildren(body) : [];
  })();
  if (e.kind === "function") {
    if (e.name === "histogram_quantile") {
      const bucket = args[1] && selectorsIn(q, args[1]).find((s) => s.metric?.endsWith("_bucket"));
      const known = bucket ? lookup(bucket) : undefined;
      return known?.kind === "catalogue"
        ? { kind: "value", unit: known.series.metric.unit }
        : undefined;
    }
    const inner = args[e.name === "quantile_over_time" ? 1 : 0];
    const innerUnit = inner && resultUnit(q, inner, lookup);
    if (e.name === "rate" || e.name === "irate") {
      return innerUnit?.kind === "value" ? { kind: "rate", unit: innerUnit.unit } : undefined;
    }
    if (e.name === "increase") return innerUnit;
    return passThroughFunctions.has(e.name) ? innerUnit : undefined;
  }
  if (e.kind === "aggregation") {
    if (e.name === "count" || e.name === "count_values" || e.name === "group")
      return { kind: "value", unit: "none" };
    const inner = args[args.length - 1];
    return passThroughAggregations.has(e.name) && inner ? resultUnit(q, inner, lookup) : undefined;
  }
  const [lhs, rhs] = exprChildren(node);
  if (!lhs || !rhs) return undefined;
  const l = resultUnit(q, lhs, lookup);
  const r = resultUnit(q, rhs, lookup);
  const op = binaryOperator(q, node);
  // `x > bool 1` is 0 or 1, whatever x measures.
  if (child(node, "BoolModifier")) return undefined;
  if (["and", "or", "unless", ">", "<", ">=", "<=", "==", "!="].includes(op)) return l;
  if (!l || !r) return undefined;
  const unitOf = (u: ResultUnit) => (u.kind === "ratio" ? undefined : u.unit);
  if (op === "+" || op === "-") return l.kind === r.kind && unitOf(l) === unitOf(r) ? l : undefined;
  if (op === "/") {
    if (l.kind === r.kind && unitOf(l) === unitOf(r)) return { kind: "ratio" };
    // A quantity over its own rate (a backlog over the consumption rate): how long it lasts.
    if (l.kind === "value" && r.kind === "rate" && unitOf(l) === unitOf(r)) {
      return { kind: "value", unit: "seconds" };
    }
    const lu = unitOf(l);
    const ru = unitOf(r);
    // Sum over count (both rates): the average, in the measured unit.
    if (l.kind === r.kind && lu && !countable.has(lu) && ru && countable.has(ru)) {
      return { kind: "value", unit: lu };
    }
    // Two different things counted (tokens per request): a quantity of its own.
    if (lu && ru && countable.has(lu) && countable.has(ru) && lu !== ru) return undefined;
    return { kind: "ratio" };
  }
  return undefined;
}

const perSecond = [
  "reqps",
  "ops",
  "cps",
  "mps",
  "rps",
  "wps",
  "iops",
  "eps",
  "recps",
  "short",
  "none",
];
const plainCount = ["short", "none", "locale", "sishort"];

/** Grafana units that show a result correctly. */
export function allowedUnits(result: ResultUnit): string[] {
  if (result.kind === "ratio") return ["percentunit"];
  const { unit } = result;
  if (result.kind === "rate") {
    if (countable.has(unit)) return perSecond;
    if (unit === "seconds") return ["short", "none", "percentunit"];
    if (unit === "bytes") return ["Bps", "binBps"];
    return ["short", "none"];
  }
  switch (unit) {
    case "seconds":
      return ["s", "dtdurations", "dtdhms"];
    case "bytes":
      return ["bytes", "decbytes"];
    case "mebibytes":
      return ["mbytes"];
    case "ratio":
      return ["percentunit"];
    case "percent":
      return ["percent"];
    case "celsius":
      return ["celsius"];
    case "watts":
      return ["watt"];
    case "megahertz":
      return ["rotmhz"];
    default:
      return plainCount;
  }
}
