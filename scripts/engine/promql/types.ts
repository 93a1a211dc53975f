import type { SyntaxNode } from "@lezer/common";
import type { ParsedQuery } from "./parse.ts";
import { describeNode } from "./selectors.ts";
import { child, exprChildren } from "./tree.ts";
import { functions, type ValueType } from "./functions.ts";

export type { ValueType } from "./functions.ts";

/** The value type an expression evaluates to, or undefined if not known here. */
export function valueType(q: ParsedQuery, node: SyntaxNode): ValueType | undefined {
  switch (node.name) {
    case "MatrixSelector":
    case "SubqueryExpr":
      return "range";
    case "VectorSelector":
    case "AggregateExpr":
      return "instant";
    case "NumberDurationLiteral":
      return "scalar";
    case "StringLiteral":
      return "string";
    case "ParenExpr":
    case "UnaryExpr":
    case "OffsetExpr":
    case "StepInvariantExpr": {
      const inner = exprChildren(node)[0];
      return inner && valueType(q, inner);
    }
    case "FunctionCall":
      return functions[describeNode(q, node)!.name]?.returns;
    case "BinaryExpr": {
      const types = exprChildren(node).map((c) => valueType(q, c));
      if (types.includes(undefined)) return undefined;
      return types.every((t) => t === "scalar") ? "scalar" : "instant";
    }
  }
  return undefined;
}

/** The arguments of a function call node. */
export function callArgs(node: SyntaxNode): SyntaxNode[] {
  const body = child(node, "FunctionCallBody");
  return body ? exprChildren(body) : [];
}
