import { dashboardUid, type DashboardSource } from "../model/dashboard.ts";
import { isObject, panelsOf, targetsOf, variableQuery } from "../model/walk.ts";
import { ruleName, type RuleGroupSource } from "../model/rules.ts";
import type { PrometheusApi, QueryAnswer, RuleGroupState } from "./api.ts";
import {
  dashboardVariables,
  expandQuery,
  type Intervals,
  type VariableDef,
  type VariableValue,
} from "./expand.ts";
import { ruleOperands } from "./operands.ts";

/**
 * Every query of the dashboards and rules, run against a live Prometheus: each must answer
 * without error or warning and with at least one series, or the panel would show "No data"
 * and the alert could never fire.
 */
export interface SmokeResult {
  /** Dashboard uid, or `rules`. */
  scope: string;
  /** What ran: `panel "Title" (id 3) target A`, `variable $job`, `rule group/Name`. */
  where: string;
  /** The query as written (variables included). */
  source: string;
  /** The query as sent. */
  query: string;
  series: number;
  samples: number;
  problem?: string;
}

/** The time window queries run over, as a dashboard opened on its default range would. */
export interface Window extends Intervals {
  /** Unix seconds. */
  end: number;
}

/** Why an answer fails the smoke test: an error, a warning, or nothing returned. */
function problemOf(
  a: { error?: string; warnings: string[] },
  count: number,
  noun = "series",
): string | undefined {
  if (a.error) return a.error;
  if (a.warnings.length > 0) return `warnings: ${a.warnings.join("; ")}`;
  return count === 0 ? `no data: no ${noun} returned` : undefined;
}

function answerResult(
  base: Pick<SmokeResult, "scope" | "where" | "source" | "query">,
  a: QueryAnswer,
): SmokeResult {
  return {
    ...base,
    series: a.series,
    samples: a.stats?.totalQueryableSamples ?? 0,
    problem: problemOf(a, a.series),
  };
}

const unresolvedProblem = (names: string[]) =>
  `variable(s) without a value: ${names.map((n) => `$${n}`).join(", ")}`;

/** A variable's value: what Grafana would select by default after running its query. */
async function resolveVariable(
  api: PrometheusApi,
  scope: string,
  v: VariableDef,
  values: Map<string, VariableValue>,
  w: Window,
): Promise<SmokeResult | undefined> {
  if (v.type === "custom" || v.type === "constant" || v.type === "textbox") {
    const options = v.type === "custom" ? v.query.split(",").map((s) => s.trim()) : [v.query];
    values.set(v.name, { values: options, all: v.all, allValue: v.allValue });
    return undefined;
  }
  if (v.type !== "query" || (v.datasourceType && v.datasourceType !== "prometheus")) {
    return undefined;
  }
  const base = { scope, where: `variable $${v.name}`, source: v.query };
  const parsed = variableQuery(v.query);
  if (!parsed?.label) {
    return {
      ...base,
      query: v.query,
      series: 0,
      samples: 0,
      problem: "not a label_values(selector, label) query: the smoke test cannot run it",
    };
  }
  const { text, unresolved } = expandQuery(parsed.expr, values, w);
  const query = `label_values(${text}, ${parsed.label})`;
  if (unresolved.length > 0) {
    return { ...base, query, series: 0, samples: 0, problem: unresolvedProblem(unresolved) };
  }
  const r = await api.labelValues(parsed.label, text, w.end - w.rangeSeconds, w.end);
  const sorted = [...r.values].sort();
  values.set(v.name, { values: sorted, all: v.all, allValue: v.allValue });
  return {
    ...base,
    query,
    series: sorted.length,
    samples: 0,
    problem: problemOf(r, sorted.length, "label values"),
  };
}

/** The dashboard's variables resolved in order, as Grafana selects them by default. */
export async function resolveVariables(
  api: PrometheusApi,
  scope: string,
  dashboard: unknown,
  w: Window,
): Promise<{ values: Map<string, VariableValue>; results: SmokeResult[] }> {
  const values = new Map<string, VariableValue>();
  const results: SmokeResult[] = [];
  for (const v of dashboardVariables(dashboard)) {
    const r = await resolveVariable(api, scope, v, values, w);
    if (r) results.push(r);
  }
  return { values, results };
}

/** Resolve the dashboard's variables in order, then run every Prometheus panel target. */
export async function smokeDashboard(
  api: PrometheusApi,
  d: DashboardSource,
  w: Window,
): Promise<SmokeResult[]> {
  const scope = dashboardUid(d);
  const { values, results } = await resolveVariables(api, scope, d.dashboard, w);
  for (const ref of panelsOf(d.dashboard)) {
    for (const t of targetsOf(ref)) {
      if ((t.datasourceType ?? "prometheus") !== "prometheus" || !t.expr) continue;
      const where = `panel "${ref.title}" (id ${ref.id ?? "?"}) target ${t.refId}`;
      const { text, unresolved } = expandQuery(t.expr, values, w);
      const base = { scope, where, source: t.expr, query: text };
      if (unresolved.length > 0) {
        results.push({ ...base, series: 0, samples: 0, problem: unresolvedProblem(unresolved) });
        continue;
      }
      const instant = isObject(t.target) && t.target.instant === true && t.target.range !== true;
      const a = instant
        ? await api.instant(text, w.end)
        : await api.range(text, w.end - w.rangeSeconds, w.end, w.intervalSeconds);
      results.push(answerResult(base, a));
    }
  }
  return results;
}

/** Wait until the server has evaluated every rule group once; returns the groups' states. */
export async function awaitRuleEvaluation(
  api: PrometheusApi,
  timeoutMs = 15_000,
): Promise<RuleGroupState[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const groups = await api.rules();
    // Go's zero time: never evaluated yet.
    const pending = groups.filter((g) => g.lastEvaluation.startsWith("0001-"));
    if (groups.length > 0 && pending.length === 0) return groups;
    if (Date.now() > deadline) {
      const names = pending.map((g) => g.name).join(", ") || "no rule group loaded";
      throw new Error(`rule groups not evaluated within ${timeoutMs} ms: ${names}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The time by which every rule group has been evaluated at least once, in Unix seconds: a
 * query window that ends there sees every recorded series (samples carry the evaluation's
 * scheduled time, which is at or before its lastEvaluation).
 */
export function evaluatedBy(groups: readonly RuleGroupState[]): number {
  // RFC 3339 with nanoseconds; Date.parse wants at most milliseconds.
  const times = groups.map((g) => Date.parse(g.lastEvaluation.replace(/(\.\d{3})\d+/, "$1")));
  return Math.ceil(Math.max(...times) / 1000);
}

/**
 * Every rule as the server runs it (loaded, evaluated without error), then every operand of
 * its expression, evaluated at `time`: after every group's first evaluation, so recorded series
 * exist (evaluatedBy), and not later, however long the caller took since: the synthetic data
 * ends before it, and a rule's shortest window must still reach back into it.
 */
export async function smokeRules(
  api: PrometheusApi,
  groups: readonly RuleGroupSource[],
  time: number,
): Promise<SmokeResult[]> {
  const states = await awaitRuleEvaluation(api);
  const results: SmokeResult[] = [];
  for (const { group } of groups) {
    for (const rule of group.rules) {
      const where = `rule ${group.name}/${ruleName(rule)}`;
      const state = states
        .find((g) => g.name === group.name)
        ?.rules.find((r) => r.name === ruleName(rule));
      if (!state || state.health !== "ok") {
        results.push({
          scope: "rules",
          where,
          source: rule.expr,
          query: rule.expr,
          series: 0,
          samples: 0,
          problem: state
            ? `the server evaluates it with health "${state.health}": ${state.lastError ?? ""}`
            : "the server did not load it",
        });
      }
      for (const operand of ruleOperands(rule.expr)) {
        const base = { scope: "rules", where, source: rule.expr, query: operand };
        results.push(answerResult(base, await api.instant(operand, time)));
      }
    }
  }
  return results;
}

/** Per dashboard (and for the rules): queries run, series returned, samples read. */
export function formatReport(results: readonly SmokeResult[]): string {
  const scopes = [...new Set(results.map((r) => r.scope))];
  const rows = scopes.map((scope) => {
    const rs = results.filter((r) => r.scope === scope);
    return [
      scope,
      String(rs.length),
      String(rs.reduce((n, r) => n + r.series, 0)),
      String(rs.reduce((n, r) => n + r.samples, 0)),
      String(rs.filter((r) => r.problem).length),
    ];
  });
  const table = [["scope", "queries", "series", "samples", "problems"], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  "),
  );
  const problems = results
    .filter((r) => r.problem)
    .map(
      (r) =>
        `${r.scope === "rules" ? "" : "dashboard "}${r.scope}: ${r.where}: ${r.problem}\n  query: ${r.query}\n  as written: ${r.source}`,
    );
  return [...lines, ...problems].join("\n") + "\n";
}
