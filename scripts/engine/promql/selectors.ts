import type { SyntaxNode } from "@lezer/common";
import { sourceOf, textOf, type ParsedQuery } from "./parse.ts";
import { binaryOperators, child, children, exprChildren, transparent, unquote } from "./tree.ts";
import { variableRefs } from "./variables.ts";

export type MatchOp = "=" | "!=" | "=~" | "!~";

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
  /** The value as written, Grafana variables included (`$job`). */
  raw: string;
  /** Offset of the label name in the original query. */
  offset: number;
  /** Whether the value, as written, holds a Grafana variable (`job="$job"`). */
  templated: boolean;
}

/** What directly consumes a selector's values, walking out through wrappers. */
export interface Enclosing {
  kind: "function" | "aggregation" | "binary";
  /** Function or aggregation name (`rate`, `sum`), or binary operator (`/`, `and`). */
  name: string;
  node: SyntaxNode;
}

export interface Selector {
  node: SyntaxNode;
  /** Metric name, from the identifier or a `__name__="..."` matcher. */
  metric?: string;
  matchers: Matcher[];
  /** Offset of the selector in the original query. */
  offset: number;
  /** Enclosing functions, aggregations and operators, innermost first. */
  enclosing: Enclosing[];
}

export function binaryOperator(q: ParsedQuery, node: SyntaxNode): string {
  const op = children(node).find((c) => binaryOperators[c.name] !== undefined);
  return op ? binaryOperators[op.name]! : textOf(q, node);
}

export function describeNode(q: ParsedQuery, node: SyntaxNode): Enclosing | undefined {
  if (node.name === "FunctionCall") {
    const id = child(node, "FunctionIdentifier");
    return { kind: "function", name: id ? textOf(q, id) : "", node };
  }
  if (node.name === "AggregateExpr") {
    const op = child(node, "AggregateOp");
    return { kind: "aggregation", name: op ? textOf(q, op).toLowerCase() : "", node };
  }
  if (node.name === "BinaryExpr") return { kind: "binary", name: binaryOperator(q, node), node };
  return undefined;
}

function matchersOf(q: ParsedQuery, selector: SyntaxNode): Matcher[] {
  const list = child(selector, "LabelMatchers");
  if (!list) return [];
  return children(list).flatMap((m): Matcher[] => {
    const name = child(m, "LabelName") ?? child(m, "QuotedLabelName");
    const op = child(m, "MatchOp");
    const value = child(m, "StringLiteral");
    if (m.name === "QuotedLabelName") {
      // `{"metric_name"}`: a UTF-8 metric name in braces.
      return [
        {
          label: "__name__",
          op: "=",
          value: unquote(textOf(q, m)),
          raw: unquote(sourceOf(q, m)),
          offset: q.toOriginal(m.from),
          templated: false,
        },
      ];
    }
    if (!name || !op || !value) return [];
    const rawName = textOf(q, name);
    return [
      {
        label: name.name === "QuotedLabelName" ? unquote(rawName) : rawName,
        op: textOf(q, op) as MatchOp,
        value: unquote(textOf(q, value)),
        raw: unquote(sourceOf(q, value)),
        offset: q.toOriginal(name.from),
        templated: variableRefs(sourceOf(q, value)).length > 0,
      },
    ];
  });
}

const selectorsOf = new WeakMap<ParsedQuery, readonly Selector[]>();

/** Every vector selector of a parsed query, with what encloses it (found once per query). */
export function vectorSelectors(q: ParsedQuery): readonly Selector[] {
  let found = selectorsOf.get(q);
  if (!found) selectorsOf.set(q, (found = collectSelectors(q)));
  return found;
}

/** The vector selectors inside `node` (a subtree of `q`). */
export const selectorsIn = (q: ParsedQuery, node: SyntaxNode): Selector[] =>
  vectorSelectors(q).filter((s) => s.node.from >= node.from && s.node.to <= node.to);

function collectSelectors(q: ParsedQuery): Selector[] {
  const out: Selector[] = [];
  q.tree.iterate({
    enter(ref) {
      if (ref.name !== "VectorSelector") return;
      const node = ref.node;
      const matchers = matchersOf(q, node);
      const id = child(node, "Identifier");
      const metric = id
        ? textOf(q, id)
        : matchers.find((m) => m.label === "__name__" && m.op === "=")?.value;
      const enclosing: Enclosing[] = [];
      for (let p = node.parent; p; p = p.parent) {
        if (transparent.has(p.name)) continue;
        const e = describeNode(q, p);
        if (e) enclosing.push(e);
      }
      out.push({
        node,
        metric,
        matchers: matchers.filter((m) => !(m.label === "__name__" && m.op === "=" && !id)),
        offset: q.toOriginal(node.from),
        enclosing,
      });
      return false;
    },
  });
  return out;
}

/** A call of a function over a range vector selector: `rate(x[5m])`. */
export interface RangeCall {
  /** The function's name. */
  name: string;
  /** The MatrixSelector node, `x[5m]`. */
  matrix: SyntaxNode;
}

/** Every call of one of `functions` whose first argument is a range vector selector. */
export function rangeCalls(q: ParsedQuery, functions: ReadonlySet<string>): RangeCall[] {
  const out: RangeCall[] = [];
  q.tree.iterate({
    enter(ref) {
      const fn = describeNode(q, ref.node);
      if (fn?.kind !== "function" || !functions.has(fn.name)) return;
      const body = child(ref.node, "FunctionCallBody");
      const matrix = body && exprChildren(body)[0];
      if (matrix?.name === "MatrixSelector") out.push({ name: fn.name, matrix });
    },
  });
  return out;
}
