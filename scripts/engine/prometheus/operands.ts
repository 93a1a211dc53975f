import type { SyntaxNode } from "@lezer/common";
import { parsePromql, textOf, type ParsedQuery } from "../promql/parse.ts";
import { binaryOperator, describeNode } from "../promql/selectors.ts";
import { callArgs } from "../promql/types.ts";
import { child, comparisonOperators, exprChildren } from "../promql/tree.ts";

const setOperators = new Set(["and", "or", "unless"]);
/** Functions that return series only when their argument has none. */
const absence = new Set(["absent", "absent_over_time"]);

/** Whether the subtree selects series at all (a literal or `14.4 * 0.001` does not). */
function selectsSeries(node: SyntaxNode): boolean {
  let found = false;
  node.toTree().iterate({
    enter(n) {
      if (n.name === "VectorSelector") found = true;
      return !found;
    },
  });
  return found;
}

function split(q: ParsedQuery, node: SyntaxNode): SyntaxNode[] {
  if (node.name === "ParenExpr" || node.name === "PromQL") {
    const inner = exprChildren(node)[0];
    return inner ? split(q, inner) : [];
  }
  if (node.name === "BinaryExpr") {
    const op = binaryOperator(q, node);
    const filter = comparisonOperators.has(op) && !child(node, "BoolModifier");
    if (filter || setOperators.has(op)) return exprChildren(node).flatMap((c) => split(q, c));
  }
  if (node.name === "FunctionCall" && absence.has(describeNode(q, node)!.name)) {
    return callArgs(node).flatMap((c) => split(q, c));
  }
  return [node];
}

/**
 * The parts of a rule expression that must return series whether or not the rule fires: the
 * sides of its `and`/`or`/`unless` and the operands of its filtering comparisons, literals
 * dropped. `a > 0.9 and on (job) rate(b[5m]) > 0` gives `a` and `rate(b[5m])`. An alert that
 * is quiet returns nothing; its operands returning nothing means it can never fire. The
 * argument of `absent(x)` stands for it: healthy, x has series and absent() has none.
 */
export function ruleOperands(expr: string): string[] {
  const q = parsePromql(expr);
  if (q.errors.length > 0) return [expr];
  const top = q.tree.topNode;
  return split(q, top)
    .filter(selectsSeries)
    .map((n) => textOf(q, n));
}
