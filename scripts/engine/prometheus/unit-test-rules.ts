/**
 * The rules a promtool unit test file needs: its rule file cut down to the parts (see
 * drill-parts.ts) its tests can tell apart from the whole, so promtool evaluates only those at
 * each step. Pure.
 *
 * Why the test passes on the cut file exactly when it passes on the whole one (promtool 2.42,
 * cmd/promtool/unittest.go): each test group loads its input series, then at every multiple of
 * `evaluation_interval` up to its last eval_time evaluates every group (in the order of
 * `group_eval_order`, which may name groups the file lacks; unnamed groups first, ties in no
 * set order) and stops at the first step where any rule fails to evaluate or to append its
 * samples; an alert_rule_test compares the firing alerts of the rules of that name, a
 * promql_expr_test queries the storage: input series and whatever rules recorded. A part is
 * closed under reading, writing and naming (drill-parts.ts), so a kept part's rules see the
 * same series, fire and fail at the same steps in the cut file as in the whole; groups of
 * different parts do not read each other, so their order does not matter. The cut keeps:
 * - every part holding an alert some alert_rule_test names (no part has it: promtool then finds
 *   no rule of that name in either file);
 * - every part writing a name some expr selects (an expr reads only its names' series);
 * - every part with a selector that can select an input series, or a record of an input
 *   series' name: a dropped rule failing fails the whole run, and failures need series (more
 *   than the 10,000 samples a query may load, duplicate series, matching errors, a sample
 *   appended where an input series has one).
 * A dropped part then selects no series but those its own rules record from none: it evaluates
 * as with no input series at all, which `noInputTests` checks once on the whole file over the
 * same steps. Loading cannot differ: `promtool check rules` of the whole file passing means
 * every group loads. Whatever this cannot see through gives the whole text back: ruleParts'
 * cases, not exactly one rule file, an expr that does not parse, selects ALERTS or
 * ALERTS_FOR_STATE (every alerting rule writes them) or has a selector without a metric name,
 * an input series of those names or without a name, an eval_time that is not a duration.
 */
import { parse } from "yaml";
import { parseDuration } from "../model/duration.ts";
import { isObject } from "../model/walk.ts";
import { parsePromql } from "../promql/parse.ts";
import { vectorSelectors, type Selector } from "../promql/selectors.ts";
import { toYaml } from "../render/yaml.ts";
import { ruleParts, type RulePart } from "./drill-parts.ts";

/** An input series: its name and labels (the name as `__name__` too). */
type Labels = Readonly<Record<string, string>>;

interface Needs {
  alerts: Set<string>;
  /** Metric names the promql_expr_test exprs select. */
  selected: Set<string>;
  inputs: Labels[];
  /** The last eval_time of any test, in milliseconds. */
  last: number;
}

const alertSeries = new Set(["ALERTS", "ALERTS_FOR_STATE"]);
const list = (v: unknown): unknown[] | undefined =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : undefined;

/** Milliseconds of an eval_time (promtool's default 0 when absent), or undefined. */
function evalMs(v: unknown): number | undefined {
  if (v === undefined || v === "0") return 0;
  const s = typeof v === "string" ? parseDuration(v) : undefined;
  return s === undefined ? undefined : Math.round(s * 1000);
}

/** The labels of an input series written as `name{label="value", ...}`, or undefined. */
function seriesLabels(series: unknown): Labels | undefined {
  if (typeof series !== "string") return undefined;
  const q = parsePromql(series);
  const [s, ...more] = q.errors.length === 0 ? vectorSelectors(q) : [];
  // Every alerting rule writes ALERTS: promtool's own series cannot be input for a cut.
  if (!s || more.length > 0 || s.metric === undefined || alertSeries.has(s.metric))
    return undefined;
  if (s.matchers.some((m) => m.op !== "=")) return undefined;
  return { ...Object.fromEntries(s.matchers.map((m) => [m.label, m.value])), __name__: s.metric };
}

/** What a unit test document's tests read, or undefined when it cannot be sure. */
function needsOf(doc: unknown): Needs | undefined {
  if (!isObject(doc) || list(doc.rule_files)?.length !== 1) return undefined;
  const tests = list(doc.tests);
  if (!tests?.every(isObject)) return undefined;
  const needs: Needs = { alerts: new Set(), selected: new Set(), inputs: [], last: 0 };
  const at = (v: unknown) => {
    const ms = evalMs(v);
    if (ms !== undefined) needs.last = Math.max(needs.last, ms);
    return ms !== undefined;
  };
  for (const t of tests) {
    const [inputs, alertTests, exprTests] = [t.input_series, t.alert_rule_test, t.promql_expr_test]
      .map(list)
      .map((l) => (l?.every(isObject) ? l : undefined));
    if (!inputs || !alertTests || !exprTests) return undefined;
    for (const s of inputs) {
      const labels = seriesLabels(s.series);
      if (!labels) return undefined;
      needs.inputs.push(labels);
    }
    for (const a of alertTests) {
      if (!at(a.eval_time)) return undefined;
      if (typeof a.alertname === "string") needs.alerts.add(a.alertname);
    }
    for (const e of exprTests) {
      if (!at(e.eval_time) || typeof e.expr !== "string") return undefined;
      const q = parsePromql(e.expr);
      if (q.errors.length > 0) return undefined;
      for (const s of vectorSelectors(q)) {
        if (s.metric === undefined || alertSeries.has(s.metric)) return undefined;
        needs.selected.add(s.metric);
      }
    }
  }
  return needs;
}

/** Whether a selector can select a series of these labels (regex matchers: assume it can). */
const canSelect = (s: Selector, labels: Labels): boolean =>
  s.metric === labels.__name__ &&
  s.matchers.every((m) =>
    m.op === "="
      ? (labels[m.label] ?? "") === m.value
      : m.op !== "!=" || labels[m.label] !== m.value,
  );

type Rule = Record<string, unknown>;
type Group = { name: string; rules: Rule[] };
const groupsIn = (rules: string): Group[] => (parse(rules) as { groups: Group[] }).groups;

function needed(part: RulePart, needs: Needs): boolean {
  if ([...part.alerts].some((a) => needs.alerts.has(a))) return true;
  const rules = groupsIn(part.rules).flatMap((g) => g.rules);
  // A record of an input series' name would append to it: a sample at the same time fails.
  const written = (r: Rule) =>
    typeof r.record === "string" &&
    (needs.selected.has(r.record) || needs.inputs.some((labels) => labels.__name__ === r.record));
  if (rules.some(written)) return true;
  // ruleParts has parsed every expr, each selector with a metric name.
  const selectors = rules.flatMap((r) => vectorSelectors(parsePromql(String(r.expr))));
  return selectors.some((s) => needs.inputs.some((labels) => canSelect(s, labels)));
}

/** The rule file `text` holding only what the unit test document `doc` needs; else `text`. */
export function unitTestRules(doc: unknown, text: string): string {
  const needs = needsOf(doc);
  const parts = needs && ruleParts(text);
  if (!needs || !parts) return text;
  const kept = parts.filter((p) => needed(p, needs));
  if (kept.length === parts.length) return text;
  const names = new Set(kept.flatMap((p) => groupsIn(p.rules).map((g) => g.name)));
  return toYaml({ groups: groupsIn(text).filter((g) => names.has(g.name)) });
}

/**
 * Unit test documents that fail when some rule of `ruleFile` fails to evaluate with no input
 * series at a step that one of `docs` reaches: what the cuts of their rule file rest on. One
 * per evaluation interval and group order, as long as the longest test of those.
 */
export function noInputTests(
  docs: readonly unknown[],
  ruleFile: string,
): Record<string, unknown>[] {
  const runs = new Map<string, { interval: unknown; order: unknown; last: number }>();
  for (const doc of docs) {
    const d = isObject(doc) ? doc : {};
    const key = JSON.stringify([d.evaluation_interval, d.group_eval_order]);
    const last = Math.max(needsOf(doc)?.last ?? 0, runs.get(key)?.last ?? 0);
    runs.set(key, { interval: d.evaluation_interval, order: d.group_eval_order, last });
  }
  return [...runs.values()].map((r) => ({
    rule_files: [ruleFile],
    ...(r.interval === undefined ? {} : { evaluation_interval: r.interval }),
    ...(r.order === undefined ? {} : { group_eval_order: r.order }),
    tests: [
      {
        name: "every rule evaluates with no input series",
        interval: "1m",
        input_series: [],
        promql_expr_test: [
          {
            expr: "vector(1)",
            eval_time: `${r.last}ms`,
            exp_samples: [{ labels: "{}", value: 1 }],
          },
        ],
      },
    ],
  }));
}
