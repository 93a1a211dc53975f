/**
 * A drill as a promtool unit test (`promtool test rules`): its series as input, and one
 * assertion per evaluation step on ALERTS, the series Prometheus writes for every pending and
 * firing alert. Before the failure nothing fires; from it on, nothing but the expected alerts
 * fires; from each expected alert's deadline on, it fires with its severity and labels. Pure.
 */
import { toYaml } from "../render/yaml.ts";
import { durationSeconds } from "../model/duration.ts";
import type { Duration } from "../model/rules.ts";
import {
  drillName,
  type DrillSeries,
  type DrillSource,
  type ExpectedAlert,
} from "../model/drills.ts";

/** What a generated assertion checks, by its expression: how a failure is reported. */
export type Meanings = ReadonlyMap<string, string>;

export interface DrillTest {
  name: string;
  /** The promtool test file. */
  text: string;
  meanings: Meanings;
}

const quote = (v: string): string => JSON.stringify(v);

/** A label set as PromQL writes it: `{a="x", b="y"}`, sorted by name. */
const labelSet = (labels: Readonly<Record<string, string>>): string =>
  `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${quote(labels[k]!)}`)
    .join(", ")}}`;

/** A number as promtool's series notation reads it, without float noise. */
const num = (v: number): string => String(Number(v.toPrecision(12)));

/**
 * One sample per step in promtool's notation, runs folded: `a+bxN` for N steps of b after a,
 * `_xN` for N missing samples, `stale` where a series stops (Prometheus marks it stale when a
 * scrape fails or the series disappears).
 */
export function seriesValues(values: readonly (number | null)[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < values.length) {
    const v = values[i];
    if (v === null || v === undefined) {
      if (i > 0 && values[i - 1] !== null) {
        out.push("stale");
        i++;
        continue;
      }
      let j = i;
      while (j < values.length && values[j] === null) j++;
      out.push(j - i === 1 ? "_" : `_x${j - i}`);
      i = j;
      continue;
    }
    let j = i + 1;
    const next = values[j];
    const step = typeof next === "number" ? Number((next - v).toPrecision(12)) : undefined;
    while (
      step !== undefined &&
      j < values.length &&
      typeof values[j] === "number" &&
      Number(((values[j] as number) - (values[j - 1] as number)).toPrecision(12)) === step
    ) {
      j++;
    }
    const n = j - 1 - i;
    if (n === 0) out.push(num(v));
    else if (step === 0) out.push(`${num(v)}x${n}`);
    else out.push(`${num(v)}${step! > 0 ? "+" : "-"}${num(Math.abs(step!))}x${n}`);
    i = j;
  }
  return out.join(" ");
}

const seriesText = (s: DrillSeries): string => `${s.name}${labelSet(s.labels)}`;

const firingOf = (alertname?: string, exclude: readonly string[] = []): string => {
  const matchers = ['alertstate="firing"'];
  if (alertname) matchers.push(`alertname=${quote(alertname)}`);
  if (exclude.length > 0) matchers.push(`alertname!~${quote(exclude.join("|"))}`);
  return `ALERTS{${matchers.join(", ")}}`;
};

/** The firing alerts of one expectation, counted by the labels it names. */
function expectedFiring(e: ExpectedAlert): {
  expr: string;
  samples: { labels: string; value: number }[];
} {
  const firing = e.firing ?? [{}];
  const keys = [...new Set(firing.flatMap((f) => Object.keys(f)))].sort();
  const expr = `count by (${["alertname", "severity", ...keys].join(", ")}) (${firingOf(e.alert)})`;
  const counts = new Map<string, number>();
  for (const f of firing) {
    const labels = labelSet({ alertname: e.alert, severity: e.severity, ...f });
    counts.set(labels, (counts.get(labels) ?? 0) + 1);
  }
  return { expr, samples: [...counts].map(([labels, value]) => ({ labels, value })) };
}

/** A time in promtool's notation: seconds, which every duration parser takes. */
const at = (seconds: number): string => `${seconds}s`;

/** One assertion on ALERTS at one step; `alert`: the expected alert it is about, if any. */
export interface DrillAssertion {
  expr: string;
  eval_time: string;
  exp_samples: { labels: string; value: number }[];
  alert?: string;
}

/** A drill's promtool test before it names a rule file: its series and assertions. */
export interface DrillPlan {
  name: string;
  /** The test group's name. */
  title: string;
  step: Duration;
  /** Each input series: its name, its text, its values in promtool's notation and one by one. */
  series: { name: string; series: string; values: string; samples: DrillSeries["values"] }[];
  assertions: DrillAssertion[];
  meanings: Meanings;
  /** The assertion that nothing fires. */
  quiet: string;
}

/** What a drill asserts, step by step. */
export function drillPlan(source: DrillSource): DrillPlan {
  const { drill } = source;
  const name = drillName(source);
  const step = durationSeconds(drill.step);
  const end = durationSeconds(drill.duration);
  const failureAt = drill.failureAt ? durationSeconds(drill.failureAt) : Infinity;
  const expected = drill.expect.map((e) => e.alert);
  const meanings = new Map<string, string>();
  const quiet = firingOf();
  meanings.set(
    quiet,
    drill.failureAt ? "nothing fires before the failure starts" : "nothing fires",
  );
  const others = expected.length > 0 ? firingOf(undefined, expected) : quiet;
  if (others !== quiet) meanings.set(others, `nothing fires but ${expected.join(", ")}`);
  const deadlines = drill.expect.map((e) => {
    const f = expectedFiring(e);
    meanings.set(
      f.expr,
      `${e.alert} fires (${e.severity}) by ${e.within} after the failure starts`,
    );
    return { ...f, alert: e.alert, from: failureAt + durationSeconds(e.within) };
  });
  const assertions: DrillAssertion[] = [];
  for (let t = 0; t <= end; t += step) {
    assertions.push({ expr: t < failureAt ? quiet : others, eval_time: at(t), exp_samples: [] });
    for (const d of deadlines) {
      if (t >= d.from) {
        assertions.push({ expr: d.expr, eval_time: at(t), exp_samples: d.samples, alert: d.alert });
      }
    }
  }
  return {
    name,
    title: `drill ${name}: ${drill.summary}`,
    step: drill.step,
    series: drill.series.map((s) => ({
      name: s.name,
      series: seriesText(s),
      values: seriesValues(s.values),
      samples: s.values,
    })),
    assertions,
    meanings,
    quiet,
  };
}

/** The promtool test file of a plan (or a part of it), reading the rule file at `rulesFile`. */
export function drillTestText(
  plan: Pick<DrillPlan, "title" | "step" | "series" | "assertions">,
  rulesFile: string,
): string {
  const doc = {
    rule_files: [rulesFile],
    evaluation_interval: plan.step,
    tests: [
      {
        name: plan.title,
        interval: plan.step,
        input_series: plan.series.map((s) => ({ series: s.series, values: s.values })),
        promql_expr_test: plan.assertions.map((a) => ({
          expr: a.expr,
          eval_time: a.eval_time,
          exp_samples: a.exp_samples,
        })),
      },
    ],
  };
  return toYaml(doc);
}

/** The promtool test of a drill, reading the rule file at `rulesFile` (absolute). */
export function drillTest(source: DrillSource, rulesFile: string): DrillTest {
  const plan = drillPlan(source);
  return { name: plan.name, text: drillTestText(plan, rulesFile), meanings: plan.meanings };
}
