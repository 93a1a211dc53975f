import { dashboardWhere, ruleWhere } from "../model/where.ts";
import type { DashboardSource } from "../model/dashboard.ts";
import {
  isObject,
  panelsOf,
  str,
  targetsOf,
  variableQuery,
  variablesOf,
  type Json,
  type PanelRef,
} from "../model/walk.ts";
import type { Where } from "../findings.ts";
import { datasourcePlugin, promqlPlugins } from "../model/datasources.ts";
import type { Model } from "../model/index.ts";
import { ruleName, type Rule, type RuleGroupSource } from "../model/rules.ts";

/** A PromQL expression somewhere in the model, with where it is and what uses it. */
export interface PromQuery {
  expr: string;
  where: Where;
  /** Set for panel targets and variable queries: its variables say what `$job` can be. */
  dashboard?: DashboardSource;
  /** Set for panel targets. */
  panel?: { dashboard: DashboardSource; ref: PanelRef };
  /** The panel target's JSON (its legend format, ...). */
  target?: Json;
  /** Set for rule expressions, with their group. */
  rule?: Rule;
  group?: RuleGroupSource;
  /** For `label_values(selector, label)` variable queries: the label asked for. */
  labelValuesOf?: string;
}

/** A LogQL expression of a Loki panel target or a Loki ruler rule. */
export interface LogQuery {
  expr: string;
  where: Where;
}

/** Every PromQL query of a dashboard: Prometheus targets and Prometheus query variables. */
export function dashboardPromQueries(d: DashboardSource): PromQuery[] {
  const out: PromQuery[] = [];
  for (const ref of panelsOf(d.dashboard)) {
    for (const t of targetsOf(ref)) {
      if (t.language !== "promql" || !t.expr) continue;
      out.push({
        expr: t.expr,
        where: { ...dashboardWhere(d, ref, `${t.pointer}/expr`), refId: t.refId },
        dashboard: d,
        panel: { dashboard: d, ref },
        target: t.target,
      });
    }
  }
  for (const v of variablesOf(d.dashboard)) {
    if (v.variable.type !== "query") continue;
    // A variable's datasource is its own: the default one, when it names none.
    const plugin = datasourcePlugin(d.dashboard, v.variable.datasource);
    if (plugin !== undefined && !promqlPlugins.has(plugin)) continue;
    const raw = isObject(v.variable.query) ? str(v.variable.query.query) : str(v.variable.query);
    const parsed = raw ? variableQuery(raw) : undefined;
    if (!parsed) continue;
    out.push({
      expr: parsed.expr,
      where: { ...dashboardWhere(d, undefined, `${v.pointer}/query`), variable: v.name },
      dashboard: d,
      labelValuesOf: parsed.label,
    });
  }
  return out;
}

/** Every PromQL query of the model: dashboards and rule expressions. */
export function promQueries(model: Model): PromQuery[] {
  return [...model.dashboards.flatMap(dashboardPromQueries), ...ruleQueries(model.ruleGroups)];
}

/** Every rule expression of these groups, with where it is. */
const ruleQueries = (groups: RuleGroupSource[]) =>
  groups.flatMap((g) =>
    g.group.rules.map((rule) => ({
      expr: rule.expr,
      where: { ...ruleWhere(g, ruleName(rule)), pointer: "/expr" },
      rule,
      group: g,
    })),
  );

/** Every LogQL query of the model: the dashboards' Loki targets and the Loki ruler's rules. */
export function logQueries(model: Model): LogQuery[] {
  return [
    ...model.dashboards.flatMap((d) =>
      panelsOf(d.dashboard).flatMap((ref) =>
        targetsOf(ref)
          .filter((t) => t.language === "logql" && t.expr)
          .map((t) => ({
            expr: t.expr,
            where: { ...dashboardWhere(d, ref, `${t.pointer}/expr`), refId: t.refId },
          })),
      ),
    ),
    ...ruleQueries(model.logRuleGroups).map(({ expr, where }) => ({ expr, where })),
  ];
}
