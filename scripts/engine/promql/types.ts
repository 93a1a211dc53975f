import type { SyntaxNode } from "@lezer/common";
import type { ParsedQuery } from "./parse.ts";
import { describeNode } from "./selectors.ts";
import { child, exprChildren } from "./tree.ts";

/** PromQL value types, as the Prometheus parser checks them. */
export type ValueType = "scalar" | "instant" | "range" | "string";

const r = "range" as const;
const v = "instant" as const;
const s = "scalar" as const;
const str = "string" as const;

/**
 * Argument types of PromQL functions (a trailing `?` entry is optional, `...` repeats the last).
 * The grammar accepts any expression as an argument; Prometheus rejects the wrong type at
 * load time, so this table lets the check catch `rate(x)` before Prometheus does.
 */
const overTime = [
  "avg",
  "min",
  "max",
  "sum",
  "count",
  "stddev",
  "stdvar",
  "last",
  "present",
  "absent",
  "mad",
];
export const functionArgs: Record<
  string,
  { args: (ValueType | "?" | "...")[]; returns: ValueType }
> = {
  ...Object.fromEntries(overTime.map((f) => [`${f}_over_time`, { args: [r], returns: v }])),
  quantile_over_time: { args: [s, r], returns: v },
  rate: { args: [r], returns: v },
  irate: { args: [r], returns: v },
  increase: { args: [r], returns: v },
  delta: { args: [r], returns: v },
  idelta: { args: [r], returns: v },
  deriv: { args: [r], returns: v },
  resets: { args: [r], returns: v },
  changes: { args: [r], returns: v },
  predict_linear: { args: [r, s], returns: v },
  holt_winters: { args: [r, s, s], returns: v },
  double_exponential_smoothing: { args: [r, s, s], returns: v },
  histogram_quantile: { args: [s, v], returns: v },
  histogram_fraction: { args: [s, s, v], returns: v },
  abs: { args: [v], returns: v },
  ceil: { args: [v], returns: v },
  floor: { args: [v], returns: v },
  exp: { args: [v], returns: v },
  ln: { args: [v], returns: v },
  log2: { args: [v], returns: v },
  log10: { args: [v], returns: v },
  sqrt: { args: [v], returns: v },
  sgn: { args: [v], returns: v },
  round: { args: [v, s, "?"], returns: v },
  clamp: { args: [v, s, s], returns: v },
  clamp_min: { args: [v, s], returns: v },
  clamp_max: { args: [v, s], returns: v },
  absent: { args: [v], returns: v },
  sort: { args: [v], returns: v },
  sort_desc: { args: [v], returns: v },
  timestamp: { args: [v], returns: v },
  scalar: { args: [v], returns: s },
  vector: { args: [s], returns: v },
  time: { args: [], returns: s },
  label_replace: { args: [v, str, str, str, str], returns: v },
  label_join: { args: [v, str, str, str, "..."], returns: v },
};

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
      return functionArgs[describeNode(q, node)!.name]?.returns;
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
