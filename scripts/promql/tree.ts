import type { SyntaxNode } from "@lezer/common";

/** Direct children of a node. */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export const child = (node: SyntaxNode, name: string): SyntaxNode | undefined =>
  children(node).find((c) => c.name === name);

/** Nodes that only wrap an expression without changing its labels or type. */
export const transparent = new Set([
  "ParenExpr",
  "OffsetExpr",
  "StepInvariantExpr",
  "MatrixSelector",
  "SubqueryExpr",
  "FunctionCallBody",
  "PromQL",
]);

/** Expression nodes among a node's children (operators, modifiers and keywords skipped). */
export const exprChildren = (node: SyntaxNode): SyntaxNode[] =>
  children(node).filter((c) => exprNodes.has(c.name));

export const exprNodes = new Set([
  "AggregateExpr",
  "BinaryExpr",
  "FunctionCall",
  "MatrixSelector",
  "NumberDurationLiteral",
  "OffsetExpr",
  "ParenExpr",
  "StringLiteral",
  "SubqueryExpr",
  "UnaryExpr",
  "VectorSelector",
  "StepInvariantExpr",
]);

/** Binary operators, by node name. */
export const binaryOperators: Record<string, string> = {
  Add: "+",
  Sub: "-",
  Mul: "*",
  Div: "/",
  Mod: "%",
  Pow: "^",
  Atan2: "atan2",
  Eql: "==",
  Neq: "!=",
  Gtr: ">",
  Lss: "<",
  Gte: ">=",
  Lte: "<=",
  And: "and",
  Or: "or",
  Unless: "unless",
};

export const comparisonOperators = new Set(["==", "!=", ">", "<", ">=", "<="]);

/** Unquote a PromQL string literal ("..." with escapes, '...' or `...`). */
export function unquote(literal: string): string {
  const q = literal[0];
  const body = literal.slice(1, literal.length > 1 && literal.endsWith(q!) ? -1 : undefined);
  if (q === "`") return body;
  try {
    return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"')}"`) as string;
  } catch {
    return body;
  }
}
