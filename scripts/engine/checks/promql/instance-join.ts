import type { SyntaxNode } from "@lezer/common";
import { instanceLabels } from "../../model/catalogue.ts";
import { keepsAny, outputLabels } from "../../promql/labels.ts";
import { textOf, type ParsedQuery } from "../../promql/parse.ts";
import { binaryOperator, describeNode, selectorsIn } from "../../promql/selectors.ts";
import { binaryOperators, child, children, descendants, exprChildren } from "../../promql/tree.ts";
import { defineCheck, type Problem } from "../check.ts";
import { queryFacts, type QueryFacts } from "../scope.ts";

/** Aggregations over instances whose result is the whole job's, not one instance's. */
const totals = new Set(["sum", "count"]);

/** The catalogue metrics a side reads, if every one of them is per instance. */
function perInstanceMetrics(q: ParsedQuery, side: SyntaxNode, facts: QueryFacts): string[] {
  const names = selectorsIn(q, side).map((s) => {
    const known = facts.lookup(s);
    return known?.kind === "catalogue" && known.series.metric.scope === "instance"
      ? s.metric!
      : undefined;
  });
  return names.length > 0 && names.every(Boolean) ? [...new Set(names as string[])] : [];
}

/** How a side dropped the instance: an aggregation that picked one (`max`), or none. */
function picker(q: ParsedQuery, side: SyntaxNode): string | undefined {
  return descendants(q.tree, side, "AggregateExpr")
    .filter((a) => !keepsAny(q, a, instanceLabels))
    .map((a) => describeNode(q, a)!.name)
    .find((name) => !totals.has(name));
}

/** The labels `a op b` pairs series on. */
function pairedOn(q: ParsedQuery, node: SyntaxNode, facts: QueryFacts): string[] | undefined {
  const [lhs, rhs] = exprChildren(node);
  const clause = child(node, "MatchingModifierClause");
  const listed = clause
    ? children(clause)
        .filter((c) => c.name === "GroupingLabels")
        .flatMap((g) => children(g).map((l) => textOf(q, l)))
    : [];
  if (clause && child(clause, "On")) return listed;
  const left = lhs && outputLabels(q, lhs, facts.labels);
  const right = rhs && outputLabels(q, rhs, facts.labels);
  if (!left || !right) return undefined;
  return [...left].filter((l) => right.has(l) && !listed.includes(l));
}

/**
 * `a and on (job) b` where a and b are both per-instance facts asks whether one instance is in
 * state a while some other instance is in state b: KV cache full on one pod, preemptions on
 * another. Job totals on both sides (sum, count) are fine: a traffic floor is one.
 */
export const promqlInstanceJoin = defineCheck({
  id: "promql/instance-join",
  description:
    "An `and`/`unless` between two per-instance metrics pairs the same instance: it matches on instance, or compares job totals (sum, count) on both sides, never one instance's value with others'.",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, ctx) {
    const facts = queryFacts(ctx, query, parsed);
    const problems: Problem[] = [];
    for (const node of descendants(parsed.tree, parsed.tree.topNode, "BinaryExpr")) {
      const op = binaryOperator(parsed, node);
      if (op !== "and" && op !== "unless") continue;
      const [lhs, rhs] = exprChildren(node);
      if (!lhs || !rhs) continue;
      const left = perInstanceMetrics(parsed, lhs, facts);
      const right = perInstanceMetrics(parsed, rhs, facts);
      if (left.length === 0 || right.length === 0) continue;
      const on = pairedOn(parsed, node, facts);
      if (!on || on.some((l) => (instanceLabels as readonly string[]).includes(l))) continue;
      const keeps = (side: SyntaxNode) => {
        const labels = outputLabels(parsed, side, facts.labels);
        return instanceLabels.some((l) => labels?.has(l));
      };
      const how = [lhs, rhs].map((side) => (keeps(side) ? "each instance" : picker(parsed, side)));
      if (how.every((h) => h === undefined)) continue;
      const operator = children(node).find((c) => binaryOperators[c.name] !== undefined)!;
      const why = how
        .map((h, i) =>
          h === undefined
            ? undefined
            : `${i === 0 ? "left" : "right"}: ${h === "each instance" ? "per instance" : `${h} picks one instance`}`,
        )
        .filter(Boolean)
        .join("; ");
      problems.push({
        offset: parsed.toOriginal(operator.from),
        message: `This "${op}" pairs series of different instances: ${left.join(", ")} and ${right.join(", ")} are per-instance metrics, matched on (${on.join(", ")}) without instance (${why}). Keep instance on both sides (by (..., instance)) and match on it, or compare job totals (sum) on both.`,
      });
    }
    return problems;
  },
});
