/** The histogram whose quantile an expression is, as the threshold checks read it. */
import type { SyntaxNode } from "@lezer/common";
import type { Metric } from "../model/catalogue.ts";
import { parsePromql, type ParsedQuery } from "../promql/parse.ts";
import { describeNode, selectorsIn, vectorSelectors } from "../promql/selectors.ts";
import { unwrap } from "../promql/tree.ts";
import { callArgs } from "../promql/types.ts";
import type { SeriesIndex } from "./known-series.ts";
import { selectorScope } from "./scope.ts";

/** Aggregations that pick or average quantiles: their result is still within the buckets. */
const bounded = new Set(["max", "min", "avg", "topk", "bottomk", "quantile"]);

/**
 * The histogram whose quantile `node` evaluates to, following bounded aggregations and
 * recording rules: `max by (job) (histogram_quantile(...))` and `job:latency:p95` included.
 */
export function quantileOf(
  parsed: ParsedQuery,
  node: SyntaxNode,
  index: SeriesIndex,
  depth = 0,
): Metric | undefined {
  const n = unwrap(node);
  const e = describeNode(parsed, n);
  if (e?.name === "histogram_quantile") {
    const bucket = selectorsIn(parsed, n).find((s) => s.metric?.endsWith("_bucket"));
    // Rule expressions name their jobs with plain matchers: no dashboard variables here.
    const known = bucket?.metric ? index.lookup(bucket.metric, selectorScope(bucket)) : undefined;
    return known?.kind === "catalogue" ? known.series.metric : undefined;
  }
  if (e?.kind === "aggregation" && bounded.has(e.name)) {
    const args = callArgs(n);
    return args.length > 0 ? quantileOf(parsed, args[args.length - 1]!, index, depth) : undefined;
  }
  if (n.name === "VectorSelector" && depth < 5) {
    const selector = vectorSelectors(parsed).find((s) => s.node.from === n.from);
    const known = selector?.metric
      ? index.lookup(selector.metric, selectorScope(selector))
      : undefined;
    if (known?.kind !== "recording") return undefined;
    const rule = parsePromql(known.rule.expr);
    const top = rule.tree.topNode.firstChild;
    return top && rule.errors.length === 0 ? quantileOf(rule, top, index, depth + 1) : undefined;
  }
  return undefined;
}
