import type { SyntaxNode, Tree } from "@lezer/common";

/** Every node named `name` inside `node` of `tree`, `node` itself included. */
export function descendants(tree: Tree, node: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  tree.iterate({
    from: node.from,
    to: node.to,
    enter(ref) {
      if (ref.name === name && ref.from >= node.from && ref.to <= node.to) out.push(ref.node);
    },
  });
  return out;
}

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

/** The expression inside any wrappers (parentheses, offset, @, matrix/subquery brackets). */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (transparent.has(n.name) && exprChildren(n)[0]) n = exprChildren(n)[0]!;
  return n;
}

export const comparisonOperators = new Set(["==", "!=", ">", "<", ">=", "<="]);

/** Whether an expression is a constant: numbers and arithmetic, no series. */
export function isConstant(node: SyntaxNode): boolean {
  if (node.name === "NumberDurationLiteral") return true;
  if (!["BinaryExpr", "ParenExpr", "UnaryExpr"].includes(node.name)) return false;
  const parts = exprChildren(node);
  return parts.length > 0 && parts.every(isConstant);
}

const simpleEscapes: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
};
const numericEscapes: Record<string, RegExp> = {
  x: /^[0-9a-fA-F]{2}/,
  u: /^[0-9a-fA-F]{4}/,
  U: /^[0-9a-fA-F]{8}/,
};

/**
 * A PromQL/LogQL string literal decoded the way Prometheus does (Go's strconv.Unquote): "..."
 * and '...' with Go escapes, `...` raw. `badEscape` is the offset, within the literal, of the
 * backslash of the first escape Go rejects (`"\."` is the classic: a regex dot needs `"\\."`).
 */
export function decodeString(literal: string): { value: string; badEscape?: number } {
  const q = literal[0];
  const body = literal.slice(1, literal.length > 1 && literal.endsWith(q!) ? -1 : undefined);
  if (q === "`") return { value: body };
  let value = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      value += c;
      continue;
    }
    const e = body[i + 1] ?? "";
    const digits = numericEscapes[e]?.exec(body.slice(i + 2))?.[0];
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1))?.[0];
    if (simpleEscapes[e] !== undefined) {
      value += simpleEscapes[e];
      i += 1;
    } else if (digits) {
      value += String.fromCodePoint(parseInt(digits, 16));
      i += 1 + digits.length;
    } else if (octal) {
      value += String.fromCharCode(parseInt(octal, 8));
      i += 3;
    } else return { value: value + body.slice(i), badEscape: i + 1 }; // +1: the opening quote
  }
  return { value };
}

/** The value of a string literal (as Prometheus reads it; a bad escape is kept as written). */
export const unquote = (literal: string): string => decodeString(literal).value;
