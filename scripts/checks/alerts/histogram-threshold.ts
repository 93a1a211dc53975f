import type { SyntaxNode } from "@lezer/common";
import { textOf } from "../../promql/parse.ts";
import { binaryOperator, describeNode, vectorSelectors } from "../../promql/selectors.ts";
import { comparisonOperators, exprChildren, transparent } from "../../promql/tree.ts";
import type { Check } from "../check.ts";
import { seriesIndex } from "../known-series.ts";
import { queryFindings, type Problem } from "../promql-findings.ts";
import { alertQueries } from "../queries.ts";

const unwrap = (n: SyntaxNode): SyntaxNode => {
  let node = n;
  while (transparent.has(node.name) && exprChildren(node)[0]) node = exprChildren(node)[0]!;
  return node;
};

const flipped: Record<string, string> = { ">": "<", ">=": "<=", "<": ">", "<=": ">=" };

/**
 * histogram_quantile() cannot return more than the largest finite bucket bound: when the
 * quantile falls in the +Inf bucket it returns that bound. `> bound` can therefore never fire.
 */
export const histogramThreshold: Check = {
  id: "alerts/histogram-threshold",
  description:
    "An alert comparing histogram_quantile() with a threshold the histogram can report: never `> top bucket` or `>= above it` (the +Inf bucket reads as the top finite bound).",
  run({ model }) {
    const index = seriesIndex(model);
    const queries = alertQueries(model);
    return queryFindings(
      model,
      this.id,
      "error",
      (_q, parsed) => {
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
            if (describeNode(parsed, lhs)?.name !== "histogram_quantile") return;
            if (rhs.name !== "NumberDurationLiteral") return;
            const threshold = Number(textOf(parsed, rhs));
            const bucket = vectorSelectors(parsed).find(
              (s) =>
                s.node.from >= lhs.from && s.node.to <= lhs.to && s.metric?.endsWith("_bucket"),
            );
            const known = bucket?.metric ? index.lookup(bucket.metric) : undefined;
            const buckets = known?.kind === "catalogue" ? known.series.metric.buckets : undefined;
            if (!buckets || buckets.length === 0 || Number.isNaN(threshold)) return;
            const top = buckets[buckets.length - 1]!;
            if ((op === ">" && threshold >= top) || (op === ">=" && threshold > top)) {
              problems.push({
                offset: parsed.toOriginal(rhs.from),
                message: `This can never fire: the largest finite bucket of "${known!.kind === "catalogue" ? known!.series.metric.name : ""}" is ${top}, and histogram_quantile() returns ${top} when the quantile lies above it (+Inf). Compare with ">= ${top}" (the quantile is at or beyond the top bucket), pick a threshold below ${top}, or add larger buckets.`,
              });
            }
          },
        });
        return problems;
      },
      queries,
    );
  },
};
