/** Every comparison of a PromQL expression with a constant, the expression turned to the left. */
import type { SyntaxNode } from "@lezer/common";
import { textOf, type ParsedQuery } from "./parse.ts";
import { binaryOperator } from "./selectors.ts";
import { child, comparisonOperators, exprChildren, isConstant, unwrap } from "./tree.ts";

export interface Comparison {
  /** The comparison node (`x > 2`). */
  node: SyntaxNode;
  /** The operator as if the expression were on the left (`2 < x` reads `>`). */
  op: string;
  /** The side that is not constant. */
  expr: SyntaxNode;
  /** The constant side. */
  constant: SyntaxNode;
  /** Its value when it is a plain number. */
  value?: number;
}

const flipped: Record<string, string> = { ">": "<", ">=": "<=", "<": ">", "<=": ">=" };

/** Every filtering comparison (no `bool`) of an expression with a constant. */
export function comparisons(parsed: ParsedQuery): Comparison[] {
  const out: Comparison[] = [];
  parsed.tree.iterate({
    enter(ref) {
      if (ref.name !== "BinaryExpr" || child(ref.node, "BoolModifier")) return;
      const op = binaryOperator(parsed, ref.node);
      if (!comparisonOperators.has(op)) return;
      const [lhs, rhs] = exprChildren(ref.node).map(unwrap);
      if (!lhs || !rhs) return;
      const left = isConstant(lhs);
      if (left === isConstant(rhs)) return;
      const [expr, constant] = left ? [rhs, lhs] : [lhs, rhs];
      const value =
        constant.name === "NumberDurationLiteral" ? Number(textOf(parsed, constant)) : NaN;
      out.push({
        node: ref.node,
        op: left ? (flipped[op] ?? op) : op,
        expr,
        constant,
        ...(Number.isNaN(value) ? {} : { value }),
      });
    },
  });
  return out;
}
