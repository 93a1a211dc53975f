import type { SyntaxNode } from "@lezer/common";
import { parsePromql, type ParsedQuery } from "../../promql/parse.ts";
import {
  binaryOperator,
  describeNode,
  selectorsIn,
  type Selector,
} from "../../promql/selectors.ts";
import { descendants, exprChildren, transparent } from "../../promql/tree.ts";
import { rulesSelected, type Known, type SeriesIndex } from "../known-series.ts";
import { defineCheck, type Problem } from "../check.ts";
import { selectorScope } from "../scope.ts";
import { comparisons } from "../../promql/comparisons.ts";

/** Functions that turn a counter into traffic per second (or per window). */
const perTime = new Set(["rate", "irate", "increase"]);

interface Ratio {
  /** Metrics the denominator reads (through recording rules). */
  denominator: Set<string>;
  numerator: Set<string>;
}

const within = (inner: SyntaxNode, outer: SyntaxNode) =>
  inner.from >= outer.from && inner.to <= outer.to;

/**
 * The distinct expressions of the rules recording a name that a selector's matchers select,
 * worked out once per name and matchers: every alert asks again, and a name recorded in many
 * files (a rule file per cluster) has as many rules.
 */
const selectedExprs = new WeakMap<Known, Map<string, string[]>>();
function exprsSelected(known: Known & { kind: "recording" }, s: Selector): string[] {
  const byMatchers = selectedExprs.get(known) ?? new Map<string, string[]>();
  selectedExprs.set(known, byMatchers);
  const key = JSON.stringify(s.matchers.map((m) => [m.label, m.op, m.value]));
  let exprs = byMatchers.get(key);
  if (!exprs) {
    // Rules of the same expression in several files read the same.
    exprs = [...new Set(rulesSelected(known.rules, s.matchers).map((r) => r.expr))];
    byMatchers.set(key, exprs);
  }
  return exprs;
}

/** Recording rules the subtree reads, parsed, with the top node of each. */
function recorded(q: ParsedQuery, node: SyntaxNode, index: SeriesIndex) {
  return selectorsIn(q, node).flatMap((s) => {
    const known = s.metric ? index.lookup(s.metric, selectorScope(s)) : undefined;
    if (known?.kind !== "recording") return [];
    return exprsSelected(known, s).flatMap((expr) => {
      const rule = parsePromql(expr);
      const top = rule.tree.topNode.firstChild;
      return top && rule.errors.length === 0 ? [{ q: rule, node: top }] : [];
    });
  });
}

/** Metric names the subtree reads, recording rules followed to what they read. */
function metricsRead(q: ParsedQuery, node: SyntaxNode, index: SeriesIndex, depth = 0): Set<string> {
  const names = new Set<string>();
  for (const s of selectorsIn(q, node)) if (s.metric) names.add(s.metric);
  if (depth < 5) {
    for (const r of recorded(q, node, index)) {
      for (const m of metricsRead(r.q, r.node, index, depth + 1)) names.add(m);
    }
  }
  return names;
}

const readsTraffic = (q: ParsedQuery, node: SyntaxNode): boolean =>
  descendants(q.tree, node, "FunctionCall").some((f) =>
    perTime.has(describeNode(q, f)?.name ?? ""),
  );

/** The divisions by traffic (a rate of a counter) in the subtree, recording rules followed. */
function trafficRatios(q: ParsedQuery, node: SyntaxNode, index: SeriesIndex, depth = 0): Ratio[] {
  const out: Ratio[] = descendants(q.tree, node, "BinaryExpr").flatMap((b) => {
    const [lhs, rhs] = exprChildren(b);
    if (binaryOperator(q, b) !== "/" || !lhs || !rhs || !readsTraffic(q, rhs)) return [];
    return [{ numerator: metricsRead(q, lhs, index), denominator: metricsRead(q, rhs, index) }];
  });
  if (depth < 5) {
    for (const r of recorded(q, node, index))
      out.push(...trafficRatios(r.q, r.node, index, depth + 1));
  }
  return out;
}

/** The other operands of the `and` chain a node is part of. */
function andSiblings(q: ParsedQuery, node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let n = node;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (transparent.has(p.name)) continue;
    if (p.name !== "BinaryExpr" || binaryOperator(q, p) !== "and") break;
    out.push(...exprChildren(p).filter((c) => c.from !== n.from || c.to !== n.to));
  }
  return out;
}

/**
 * A ratio over little traffic swings wildly: 1 failure in 3 requests at night is 33% and pages
 * for nothing. The ratio must be `and`-ed with a minimum of its traffic: a comparison that
 * keeps its denominator (or numerator) above a floor.
 */
export const alertsRatioTrafficFloor = defineCheck({
  id: "alerts/ratio-traffic-floor",
  description:
    "An alert on a ratio of traffic (a rate over a rate) has a traffic floor: `and` a minimum of its denominator or numerator, so a handful of requests cannot page.",
  severity: "error",
  // Public rule files leave floors out often and on purpose (a page at low traffic is their
  // call): a warning there, an error for our sources.
  profiles: { community: "warning" },
  scope: "promql",
  check({ query, parsed }, { index }) {
    if (query.rule?.kind !== "alert") return [];
    const all = comparisons(parsed);
    const problems: Problem[] = [];
    for (const c of all) {
      const ratios = trafficRatios(parsed, c.expr, index);
      if (ratios.length === 0) continue;
      const siblings = andSiblings(parsed, c.node);
      const floors = all.filter(
        (f) =>
          (f.op === ">" || f.op === ">=") &&
          (f.value === undefined || f.value > 0) &&
          siblings.some((s) => within(f.node, s)) &&
          trafficRatios(parsed, f.expr, index).length === 0,
      );
      const floored = ratios.every((r) => {
        const traffic = new Set([...r.denominator, ...r.numerator]);
        return floors.some((f) =>
          [...metricsRead(parsed, f.expr, index)].some((m) => traffic.has(m)),
        );
      });
      if (floored) continue;
      const denominator = [...new Set(ratios.flatMap((r) => [...r.denominator]))].join(", ");
      problems.push({
        offset: parsed.toOriginal(c.constant.from),
        message: `This ratio has no traffic floor: with little traffic (its denominator reads ${denominator}) one failure in three requests is 33%, and it pages at night for nothing. Add \`and <its denominator> > <minimum per second>\` (or a minimum of the numerator), the minimum in config/platform.ts.`,
      });
    }
    return problems;
  },
});
