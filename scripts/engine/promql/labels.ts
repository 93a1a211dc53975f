import type { SyntaxNode } from "@lezer/common";
import { sourceOf, textOf, type ParsedQuery } from "./parse.ts";
import { binaryOperator, describeNode } from "./selectors.ts";
import { child, children, exprChildren, transparent, unquote } from "./tree.ts";
import { valueType } from "./types.ts";

/** The labels an expression's result carries, or `undefined` when that cannot be known. */
export type LabelSet = ReadonlySet<string> | undefined;

/**
 * Labels of a selector's series (from the catalogue or recording rules); undefined if unknown.
 * `node` is the VectorSelector, whose matchers say which jobs the series come from.
 */
export type SeriesLabels = (metric: string, node: SyntaxNode) => LabelSet;

const groupingLabels = (q: ParsedQuery, node: SyntaxNode | undefined): string[] =>
  node
    ? children(node).map((c) =>
        c.name === "QuotedLabelName" ? unquote(textOf(q, c)) : textOf(q, c),
      )
    : [];

/** An aggregation's grouping: the labels of `by (...)`, or of `without (...)`; none: `by ()`. */
export function grouping(q: ParsedQuery, node: SyntaxNode): { without: boolean; labels: string[] } {
  const modifier = child(node, "AggregateModifier");
  return {
    without: Boolean(modifier && child(modifier, "Without")),
    labels: groupingLabels(q, modifier && child(modifier, "GroupingLabels")),
  };
}

/** Whether an aggregation keeps one of `labels` on its result. */
export function keepsAny(q: ParsedQuery, node: SyntaxNode, labels: readonly string[]): boolean {
  const g = grouping(q, node);
  return g.without
    ? labels.some((l) => !g.labels.includes(l))
    : labels.some((l) => g.labels.includes(l));
}
/** Whether a label list names a Grafana variable (`by ($group)`): its labels are unknown. */
const templated = (q: ParsedQuery, node: SyntaxNode | undefined): boolean =>
  node !== undefined && /[$[]/.test(sourceOf(q, node));

/** Functions whose result drops or keeps labels in a way other than passing them through. */
const noLabels = new Set(["vector", "scalar", "time", "pi"]);

/**
 * What labels the result of `node` carries, following Prometheus' evaluation rules:
 * aggregations keep their `by` labels (or drop their `without` ones), one-to-one matching
 * with `on` keeps only the matching labels, `group_left` adds the listed ones, and so on.
 */
export function outputLabels(q: ParsedQuery, node: SyntaxNode, series: SeriesLabels): LabelSet {
  if (transparent.has(node.name)) {
    const inner = exprChildren(node)[0];
    return inner ? outputLabels(q, inner, series) : undefined;
  }
  switch (node.name) {
    case "NumberDurationLiteral":
    case "StringLiteral":
      return new Set();
    case "UnaryExpr": {
      const inner = exprChildren(node)[0];
      return inner ? outputLabels(q, inner, series) : undefined;
    }
    case "VectorSelector": {
      const id = child(node, "Identifier");
      return id ? series(textOf(q, id), node) : undefined;
    }
    case "AggregateExpr":
      return aggregateLabels(q, node, series);
    case "FunctionCall":
      return functionLabels(q, node, series);
    case "BinaryExpr":
      return binaryLabels(q, node, series);
  }
  return undefined;
}

function aggregateLabels(q: ParsedQuery, node: SyntaxNode, series: SeriesLabels): LabelSet {
  const op = describeNode(q, node)!.name;
  const body = child(node, "FunctionCallBody");
  const args = body ? exprChildren(body) : [];
  const input = outputLabels(q, args[args.length - 1]!, series);
  if (["topk", "bottomk", "limitk", "limit_ratio"].includes(op)) return input;
  const modifier = child(node, "AggregateModifier");
  if (templated(q, modifier && child(modifier, "GroupingLabels"))) return undefined;
  const { without, labels: listed } = grouping(q, node);
  const extra = op === "count_values" && args[0] ? [unquote(textOf(q, args[0]))] : [];
  if (without) {
    if (!input) return undefined;
    return new Set([...input].filter((l) => !listed.includes(l)).concat(extra));
  }
  return new Set([...listed, ...extra]);
}

function functionLabels(q: ParsedQuery, node: SyntaxNode, series: SeriesLabels): LabelSet {
  const name = describeNode(q, node)!.name;
  const body = child(node, "FunctionCallBody");
  const args = body ? exprChildren(body) : [];
  if (noLabels.has(name)) return new Set();
  if (name === "absent" || name === "absent_over_time") return undefined;
  if (args.length === 0) return new Set();
  // The vector argument: the last one for histogram_quantile/quantile_over_time, else the first.
  const vectorArg = ["histogram_quantile", "quantile_over_time", "histogram_fraction"].includes(
    name,
  )
    ? args[args.length - 1]!
    : args[0]!;
  const input = outputLabels(q, vectorArg, series);
  if (!input) return undefined;
  if (name === "histogram_quantile" || name === "histogram_fraction") {
    return new Set([...input].filter((l) => l !== "le"));
  }
  if (name === "label_replace" || name === "label_join") {
    const dst = args[1] ? unquote(textOf(q, args[1])) : undefined;
    return dst ? new Set([...input, dst]) : input;
  }
  return input;
}

function binaryLabels(q: ParsedQuery, node: SyntaxNode, series: SeriesLabels): LabelSet {
  const [lhs, rhs] = exprChildren(node);
  if (!lhs || !rhs) return undefined;
  const left = outputLabels(q, lhs, series);
  const right = outputLabels(q, rhs, series);
  const op = binaryOperator(q, node);
  // A scalar side (a number, time(), scalar(...)) takes the other side's labels.
  if (valueType(q, lhs) === "scalar") return right;
  if (valueType(q, rhs) === "scalar") return left;
  if (op === "or") return left && right ? new Set([...left, ...right]) : undefined;
  if (op === "and" || op === "unless") return left;
  const clause = child(node, "MatchingModifierClause");
  if (!clause) return left;
  const lists = children(clause).filter((c) => c.name === "GroupingLabels");
  if (lists.some((g) => templated(q, g))) return undefined;
  const [matching, include] = lists.map((g) => groupingLabels(q, g));
  const groupLeft = child(clause, "GroupLeft");
  const groupRight = child(clause, "GroupRight");
  if (groupLeft || groupRight) {
    const many = groupLeft ? left : right;
    return many ? new Set([...many, ...(include ?? [])]) : undefined;
  }
  if (child(clause, "On")) return new Set(matching ?? []);
  return left ? new Set([...left].filter((l) => !(matching ?? []).includes(l))) : undefined;
}
