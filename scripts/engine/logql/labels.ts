import type { SyntaxNode } from "@lezer/common";
import { textOf, type ParsedQuery } from "../promql/parse.ts";
import { child, children } from "../promql/tree.ts";

/** The metric expression a node stands for, through LogQL's Expr/MetricExpr wrappers. */
function metricOf(node: SyntaxNode | undefined): SyntaxNode | undefined {
  let n = node;
  while (n && (n.name === "LogQL" || n.name === "Expr" || n.name === "MetricExpr")) {
    n = children(n)[0];
  }
  return n;
}

/**
 * The labels a LogQL metric query's result keeps, where the query says: `sum by (a, b) (...)`
 * keeps a and b, through comparisons and arithmetic on its left. Undefined when they depend on
 * the streams (no aggregation, `without`): nothing can be said without them.
 */
export function logqlOutputLabels(q: ParsedQuery): Set<string> | undefined {
  let node = metricOf(q.tree.topNode);
  while (node?.name === "BinOpExpr") node = metricOf(children(node).find((c) => c.name === "Expr"));
  if (node?.name !== "VectorAggregationExpr") return undefined;
  const grouping = child(node, "Grouping");
  if (!grouping || !child(grouping, "By")) return grouping ? undefined : new Set();
  // Labels nest as a left-recursive list: Labels(Labels(Identifier), Identifier).
  const names = new Set<string>();
  for (let l = child(grouping, "Labels"); l; l = child(l, "Labels")) {
    for (const id of children(l).filter((c) => c.name === "Identifier")) names.add(textOf(q, id));
  }
  return names;
}
