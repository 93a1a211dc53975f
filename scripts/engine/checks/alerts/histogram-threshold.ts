import type { SyntaxNode } from "@lezer/common";
import type { Metric } from "../../model/catalogue.ts";
import { parsePromql, textOf, type ParsedQuery } from "../../promql/parse.ts";
import { binaryOperator, describeNode, vectorSelectors } from "../../promql/selectors.ts";
import { comparisonOperators, exprChildren, unwrap } from "../../promql/tree.ts";
import { callArgs } from "../../promql/types.ts";
import type { SeriesIndex } from "../known-series.ts";
import { defineCheck, type Problem } from "../check.ts";

/** Aggregations that pick or average quantiles: their result is still within the buckets. */
const bounded = new Set(["max", "min", "avg", "topk", "bottomk", "quantile"]);

/**
 * The histogram whose quantile `node` evaluates to, following bounded aggregations and
 * recording rules: `max by (job) (histogram_quantile(...))` and `job:latency:p95` included.
 */
function quantileOf(
  parsed: ParsedQuery,
  node: SyntaxNode,
  index: SeriesIndex,
  depth = 0,
): Metric | undefined {
  const n = unwrap(node);
  const e = describeNode(parsed, n);
  if (e?.name === "histogram_quantile") {
    const bucket = vectorSelectors(parsed).find(
      (s) => s.node.from >= n.from && s.node.to <= n.to && s.metric?.endsWith("_bucket"),
    );
    const known = bucket?.metric ? index.lookup(bucket.metric) : undefined;
    return known?.kind === "catalogue" ? known.series.metric : undefined;
  }
  if (e?.kind === "aggregation" && bounded.has(e.name)) {
    const args = callArgs(n);
    return args.length > 0 ? quantileOf(parsed, args[args.length - 1]!, index, depth) : undefined;
  }
  if (n.name === "VectorSelector" && depth < 5) {
    const metric = vectorSelectors(parsed).find((s) => s.node.from === n.from)?.metric;
    const known = metric ? index.lookup(metric) : undefined;
    if (known?.kind !== "recording") return undefined;
    const rule = parsePromql(known.rule.expr);
    const top = rule.tree.topNode.firstChild;
    return top && rule.errors.length === 0 ? quantileOf(rule, top, index, depth + 1) : undefined;
  }
  return undefined;
}

const flipped: Record<string, string> = { ">": "<", ">=": "<=", "<": ">", "<=": ">=" };

/**
 * histogram_quantile() cannot return more than the largest finite bucket bound: when the
 * quantile falls in the +Inf bucket it returns that bound. `> bound` can therefore never fire.
 */
export const alertsHistogramThreshold = defineCheck({
  id: "alerts/histogram-threshold",
  description:
    "An alert comparing histogram_quantile() with a threshold the histogram can report: never `> top bucket` or `>= above it` (the +Inf bucket reads as the top finite bound).",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, { index }) {
    if (query.rule?.kind !== "alert") return [];
    const problems: Problem[] = [];
    parsed.tree.iterate({
      enter(ref) {
        if (ref.name !== "BinaryExpr") return;
        let op = binaryOperator(parsed, ref.node);
        if (!comparisonOperators.has(op)) return;
        let [lhs, rhs] = exprChildren(ref.node).map(unwrap);
        if (!lhs || !rhs) return;
        if (lhs.name === "NumberDurationLiteral") {
          [lhs, rhs] = [rhs, lhs];
          op = flipped[op] ?? op;
        }
        if (rhs.name !== "NumberDurationLiteral") return;
        const histogram = quantileOf(parsed, lhs, index);
        const buckets = histogram?.buckets;
        const threshold = Number(textOf(parsed, rhs));
        if (!buckets || buckets.length === 0 || Number.isNaN(threshold)) return;
        const top = buckets[buckets.length - 1]!;
        if ((op === ">" && threshold >= top) || (op === ">=" && threshold > top)) {
          problems.push({
            offset: parsed.toOriginal(rhs.from),
            message: `This can never fire: the largest finite bucket of "${histogram!.name}" is ${top}, and histogram_quantile() returns ${top} when the quantile lies above it (+Inf). Compare with ">= ${top}" (the quantile is at or beyond the top bucket), pick a threshold below ${top}, or add larger buckets.`,
          });
        }
      },
    });
    return problems;
  },
});
