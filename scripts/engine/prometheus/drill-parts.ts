/**
 * A drill split into parts that promtool can run apart, each with only the rules and series
 * it needs, so that a part the failure does not touch is the same for many drills and runs
 * once. Pure.
 *
 * Why a drill passes exactly when all its parts pass: every assertion of a drill is on ALERTS,
 * and ALERTS holds one series per alert, computed from the alert's rule and, through the
 * series it selects, the recording rules before it. A part is a set of whole rule groups
 * closed under that (a rule and every rule recording a series it reads, or writing a name it
 * writes, are in one part; so are groups of one name and alerts of one name), with every input
 * series whose name its rules select or write. So each alert fires at each step in its part as
 * in the whole run, and a rule fails to evaluate in its part when it fails in the whole run.
 * "Nothing fires" and "nothing but X fires" hold in the whole run when they hold in every
 * part; an expected alert's assertions go to the part that has it (or, if no rule has it, to a
 * part with no rules, where they fail as they do in the whole run). When exactly one part
 * fails, the whole run fails at the same assertions, steps, expected and actual samples, since
 * the other parts add nothing to ALERTS there. Anything this cannot see through (a rule that
 * reads ALERTS, a selector without a metric name, a file it cannot parse) gives no parts: the
 * drill then runs whole.
 */
import { parse } from "yaml";
import { isObject } from "../model/walk.ts";
import { parsePromql } from "../promql/parse.ts";
import { vectorSelectors } from "../promql/selectors.ts";
import { toYaml } from "../render/yaml.ts";
import type { DrillAssertion, DrillPlan } from "./drill-test.ts";

export interface RulePart {
  /** The part's rule file. */
  rules: string;
  alerts: ReadonlySet<string>;
  /** The metric names its rules select or write: the input series it needs. */
  names: ReadonlySet<string>;
}

/** Series promtool's rules write themselves: a rule reading them depends on every alert. */
const alertSeries = new Set(["ALERTS", "ALERTS_FOR_STATE"]);

type Group = Record<string, unknown> & { name: unknown; rules: Record<string, unknown>[] };

function groupsOf(text: string): Group[] | undefined {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc) || !Array.isArray(doc.groups)) return undefined;
  const groups = doc.groups as unknown[];
  const ok = groups.every(
    (g) => isObject(g) && Array.isArray(g.rules) && (g.rules as unknown[]).every(isObject),
  );
  return ok ? (groups as Group[]) : undefined;
}

/** A series a rule selects: its name, and the labels an equality matcher fixes. */
interface Read {
  name: string;
  fixed: Record<string, string>;
}

/** What one rule reads and writes (its record's fixed labels), or undefined when unclear. */
function ruleIo(rule: Record<string, unknown>): { reads: Read[]; writes?: Read } | undefined {
  if (typeof rule.expr !== "string") return undefined;
  const q = parsePromql(rule.expr);
  if (q.errors.length > 0) return undefined;
  const reads: Read[] = [];
  for (const s of vectorSelectors(q)) {
    if (s.metric === undefined || alertSeries.has(s.metric)) return undefined;
    const fixed = Object.fromEntries(
      s.matchers.filter((m) => m.op === "=").map((m) => [m.label, m.value]),
    );
    reads.push({ name: s.metric, fixed });
  }
  if (typeof rule.record !== "string") return { reads };
  const labels = isObject(rule.labels) ? rule.labels : {};
  const fixed = Object.fromEntries(
    Object.entries(labels).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
  return { reads, writes: { name: rule.record, fixed } };
}

/** Whether two series descriptions can be of one series: one name, no fixed label differing. */
const overlap = (a: Read, b: Read): boolean =>
  a.name === b.name &&
  Object.entries(a.fixed).every(([k, v]) => b.fixed[k] === undefined || b.fixed[k] === v);

/** The parts of a rule file, or undefined when it has to run whole. */
export function ruleParts(text: string): RulePart[] | undefined {
  const groups = groupsOf(text);
  if (!groups) return undefined;
  const io = groups.map((g) => g.rules.map(ruleIo));
  if (io.some((g) => g.some((r) => !r))) return undefined;
  // Union-find over groups: a group joins every group it shares a dependency with.
  const parent = groups.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const union = (i: number, j: number) => void (parent[root(i)] = root(j));
  const byKey = new Map<string, number>();
  const join = (key: string, i: number) => {
    const j = byKey.get(key);
    if (j === undefined) byKey.set(key, i);
    else union(i, j);
  };
  for (const [i, g] of groups.entries()) {
    join(`group ${String(g.name)}`, i);
    for (const rule of g.rules) if (typeof rule.alert === "string") join(`alert ${rule.alert}`, i);
  }
  // A record joins the rules that may read it and the records that may write the same series.
  const writers = io.flatMap((g, i) => g.flatMap((r) => (r!.writes ? [{ i, w: r!.writes }] : [])));
  for (const [i, g] of io.entries()) {
    for (const r of g) {
      for (const x of [...r!.reads, ...(r!.writes ? [r!.writes] : [])]) {
        for (const { i: j, w } of writers) if (overlap(x, w)) union(i, j);
      }
    }
  }
  const names = io.map(
    (g) =>
      new Set(
        g.flatMap((r) => [...r!.reads, ...(r!.writes ? [r!.writes] : [])].map((x) => x.name)),
      ),
  );
  const parts = new Map<number, number[]>();
  for (const i of groups.keys()) parts.set(root(i), [...(parts.get(root(i)) ?? []), i]);
  return [...parts.values()].map((members) => ({
    rules: toYaml({ groups: members.map((i) => groups[i]) }),
    alerts: new Set(
      members.flatMap((i) =>
        groups[i]!.rules.flatMap((r) => (typeof r.alert === "string" ? [r.alert] : [])),
      ),
    ),
    names: new Set(members.flatMap((i) => [...names[i]!])),
  }));
}

/** Input series promtool's own series are named after: every part keeps them. */
const kept = (name: string, part: RulePart): boolean =>
  part.names.has(name) || alertSeries.has(name);

/**
 * A drill's assertions and series for one part. `exact`: the drill's own assertions, so the
 * part's failures are the drill's. Otherwise, for a part none of the expected alerts is in,
 * "nothing fires" at every step, which holds there exactly when the drill's do and makes the
 * part the same for every drill of the same series and step.
 */
export function partPlan(
  plan: DrillPlan,
  part: RulePart,
  exact: boolean,
): Pick<DrillPlan, "title" | "step" | "series" | "assertions"> {
  const series = plan.series.filter((s) => kept(s.name, part));
  const expects = plan.assertions.some((a) => a.alert !== undefined && part.alerts.has(a.alert));
  const mine = (a: DrillAssertion) => a.alert === undefined || part.alerts.has(a.alert);
  const assertions =
    exact || expects
      ? plan.assertions.filter(mine)
      : plan.assertions
          .filter((a) => a.alert === undefined)
          .map((a) => ({ ...a, expr: plan.quiet }));
  return {
    title: exact || expects ? plan.title : "drill part",
    step: plan.step,
    series,
    assertions,
  };
}

/** The parts a drill runs in: the rule file's, and one with no rules for expected alerts none has. */
export function drillParts(plan: DrillPlan, parts: readonly RulePart[]): RulePart[] {
  const missing = new Set(
    plan.assertions.flatMap((a) =>
      a.alert !== undefined && !parts.some((p) => p.alerts.has(a.alert!)) ? [a.alert] : [],
    ),
  );
  if (missing.size === 0) return [...parts];
  return [...parts, { rules: toYaml({ groups: [] }), alerts: missing, names: new Set() }];
}

/**
 * A part run that asserts only that nothing fires, at every step from 0 to its end: what
 * `partPlan` gives, not exact, for a part none of the drill's expected alerts is in.
 */
export interface QuietRun {
  rules: string;
  step: string;
  /** The steps it asserts at. */
  steps: number;
  series: readonly { series: string; samples: readonly (number | null)[] }[];
}

/** The quiet run of a drill's part, or undefined when the part asserts more than that. */
export function quietRun(plan: DrillPlan, part: RulePart): QuietRun | undefined {
  const p = partPlan(plan, part, false);
  if (p.assertions.some((a) => a.expr !== plan.quiet)) return undefined;
  return {
    rules: part.rules,
    step: plan.step,
    steps: p.assertions.length,
    series: p.series.map((s) => ({ series: s.series, samples: s.samples })),
  };
}

/**
 * Whether `long` passing proves that `short` passes, so `short` need not run: the same rules,
 * step and input series in the same order (the order promtool stores them in, which orders
 * the sums), each series' samples in `short` the first ones of its samples in `long`, and
 * `long` at least as long. promtool evaluates the rules at each step on the samples up to that
 * step, and an assertion at a step reads ALERTS up to that step, so every step of `short` sees
 * what the same step of `long` sees: nothing fires at any of them when nothing fires in `long`.
 */
export function provenBy(long: QuietRun, short: QuietRun): boolean {
  return (
    long.rules === short.rules &&
    long.step === short.step &&
    long.steps >= short.steps &&
    long.series.length === short.series.length &&
    long.series.every((l, i) => {
      const s = short.series[i]!;
      return l.series === s.series && s.samples.every((v, k) => l.samples[k] === v);
    })
  );
}
