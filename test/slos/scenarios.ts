/**
 * promtool unit tests of every SLO's generated rules, built from the spec's numbers (objective,
 * tiers, floor) and the hand-written raw traffic of test/slos/traffic.ts, never from the
 * generator's expressions: if a rule reads the wrong series, window, threshold or floor, the
 * scenarios it should pass fail in promtool.
 *
 * Per tier: a burn of 1.25 times the tier's rate after a healthy long window fires once the long
 * window has seen enough of it (quiet at 70% of the window, firing after window and `for`) and
 * resolves within the short window after the burn stops; a burn at 0.9 times the rate never
 * fires; every event failing pages, on traffic however low, once the long window holds more
 * failed events than the floor, and stays quiet on fewer. Per SLO: every
 * recorded series on a healthy day (0, not nothing) and on a steady burn (the exact ratios).
 */
import { durationSeconds } from "../../scripts/engine/model/duration.ts";
import type { AlertingRule, RuleGroup } from "../../scripts/engine/model/rules.ts";
import {
  burnThreshold,
  errorBudget,
  sloAlertName,
  sloSeries,
  sloWindows,
  type BurnRateTier,
  type Slo,
} from "../../scripts/engine/model/slo.ts";
import { seriesValues } from "../../scripts/engine/prometheus/drill-test.ts";
import { traffic, type Load, type Traffic } from "./traffic.ts";

/** A promtool test file as data (`rule_files` added when it is written). */
export interface PromtoolTestFile {
  /** A name for the test run and coverage: `slo-api-availability tier 1h`. */
  name: string;
  evaluation_interval: string;
  tests: Scenario[];
}

interface Scenario {
  name: string;
  interval: string;
  input_series: { series: string; values: string }[];
  alert_rule_test?: {
    eval_time: string;
    alertname: string;
    exp_alerts: { exp_labels: Record<string, string>; exp_annotations: Record<string, string> }[];
  }[];
  promql_expr_test?: {
    expr: string;
    eval_time: string;
    exp_samples: { labels: string; value: number }[];
  }[];
}

/** A load over some steps. */
interface Phase {
  steps: number;
  load: Load;
}

const minutes = (s: number) => `${s / 60}m`;

/** The raw series of a traffic plan, cumulative counters sampled every `interval` seconds. */
function inputSeries(t: Traffic, phases: readonly Phase[], interval: number) {
  return t.series.flatMap(({ series, perSecond }) => {
    const values = [0];
    for (const p of phases) {
      for (let i = 0; i < p.steps; i++) values.push(values.at(-1)! + perSecond(p.load) * interval);
    }
    // A counter nobody increments is not exposed by the exporters: no series at all.
    return values.every((v) => v === 0) ? [] : [{ series, values: seriesValues(values) }];
  });
}

/** Prometheus' humanizePercentage (`%.4g%%`), for the rendered description. */
const humanizePercentage = (v: number) => `${Number((v * 100).toPrecision(4))}%`;

/** The annotations as Prometheus renders them for an alert of these labels and value. */
function rendered(
  rule: AlertingRule,
  labels: Readonly<Record<string, string>>,
  value: number,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, text] of Object.entries(rule.annotations ?? {})) {
    const filled = text
      .replaceAll("{{ $value | humanizePercentage }}", humanizePercentage(value))
      .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_m, l: string) => labels[l] ?? "");
    if (filled.includes("{{")) throw new Error(`Cannot render ${k} of ${rule.alert}: ${text}`);
    out[k] = filled;
  }
  return out;
}

/** Events per second whose burns put every tier's long window far above the floor. */
const busy = 10;

function tierFile(slo: Slo, group: RuleGroup, tier: BurnRateTier): PromtoolTestFile {
  const t = traffic[slo.name]!;
  const name = sloAlertName(slo, tier);
  const rule = group.rules.find((r): r is AlertingRule => r.kind === "alert" && r.alert === name);
  if (!rule) throw new Error(`${group.name} has no alert ${name}`);
  const threshold = burnThreshold(slo, tier);
  // Five samples in the short window; every time below a whole number of samples.
  const interval = durationSeconds(tier.short) / 5;
  const steps = (seconds: number) => Math.ceil(seconds / interval);
  const at = (n: number) => minutes(n * interval);
  const healthy = steps(durationSeconds(tier.long));
  const burning = steps(durationSeconds(tier.long) + durationSeconds(tier.for)) + 1;
  const resolve = steps(0.6 * durationSeconds(tier.short));
  const scenario = (what: string, valid: number, share: number, stopAfter: boolean): Scenario => ({
    name: `${name} ${what}`,
    interval: minutes(interval),
    input_series: inputSeries(
      t,
      [
        { steps: healthy, load: { valid, bad: 0 } },
        { steps: burning, load: { valid, bad: valid * share } },
        ...(stopAfter ? [{ steps: resolve, load: { valid, bad: 0 } }] : []),
      ],
      interval,
    ),
  });
  const quiet = (n: number) => ({ eval_time: at(n), alertname: name, exp_alerts: [] });
  const labels = { ...t.labels, slo: slo.name, alertname: name };
  const expLabels: Record<string, string> = { ...labels, ...rule.labels };
  const share = 1.25 * threshold;
  const floor = slo.minFailedEvents;
  const long = durationSeconds(tier.long);
  return {
    name: `${group.name} tier ${tier.long}`,
    evaluation_interval: minutes(interval),
    tests: [
      {
        ...scenario(
          `fires at 1.25 times its rate once the ${tier.long} window holds enough of it, and resolves within ${tier.short} of the burn stopping`,
          busy,
          share,
          true,
        ),
        alert_rule_test: [
          quiet(healthy + steps(0.7 * durationSeconds(tier.long))),
          {
            eval_time: at(healthy + burning),
            alertname: name,
            exp_alerts: [{ exp_labels: expLabels, exp_annotations: rendered(rule, labels, share) }],
          },
          quiet(healthy + burning + resolve),
        ],
      },
      {
        ...scenario("stays quiet at 0.9 times its rate", busy, 0.9 * threshold, false),
        alert_rule_test: [quiet(healthy + burning)],
      },
      {
        // Every event failing, so few that the long window holds half the floor's failures.
        ...scenario(
          `stays quiet on ${floor / 2} failed events in its ${tier.long} window, every event failing`,
          floor / 2 / long,
          1,
          false,
        ),
        alert_rule_test: [quiet(healthy + burning)],
      },
      {
        // A quiet night's outage: a trickle of events, every one failing, pages.
        ...scenario(
          `fires when every event fails at ${Number((4 * floor) / long).toPrecision(2)}/s (${4 * floor} failed in its ${tier.long} window)`,
          (4 * floor) / long,
          1,
          false,
        ),
        alert_rule_test: [
          {
            eval_time: at(healthy + burning),
            alertname: name,
            exp_alerts: [{ exp_labels: expLabels, exp_annotations: rendered(rule, labels, 1) }],
          },
        ],
      },
    ],
  };
}

/** Every recorded series of the SLO at `share` failed: the ratios, rates and budget left. */
function recordsFile(slo: Slo, group: RuleGroup): PromtoolTestFile {
  const t = traffic[slo.name]!;
  const interval = 120;
  const longest = Math.max(...sloWindows(slo).map(durationSeconds));
  const steps = Math.ceil((longest + 3600) / interval);
  const evalTime = minutes(steps * interval);
  const valid = busy;
  const budget = errorBudget(slo);
  const labelText = (labels: Readonly<Record<string, string>>) =>
    `{${Object.entries({ ...labels, slo: slo.name })
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v}"`)
      .join(", ")}}`;
  const recorded = group.rules.flatMap((r) => (r.kind === "record" ? [r.record] : []));
  const scenario = (what: string, share: number): Scenario => {
    const series = [
      { labels: t.labels, share },
      ...(t.healthy ? [{ labels: t.healthy, share: 0 }] : []),
    ];
    const expected = (record: string, share: number): number => {
      if (record === sloSeries.budgetRemaining) return 1 - share / budget;
      if (record.startsWith("slo:sli_valid:rate")) return valid;
      if (record.startsWith("slo:sli_error:rate")) return share * valid;
      return share;
    };
    return {
      name: `${group.name} records ${what}`,
      interval: minutes(interval),
      input_series: inputSeries(t, [{ steps, load: { valid, bad: valid * share } }], interval),
      // In millionths, rounded: promtool compares floats exactly, and a rate's extrapolation
      // leaves the last bits of a ratio to chance.
      promql_expr_test: recorded.map((record) => ({
        expr: `round(${record}{slo="${slo.name}"} * 1e6)`,
        eval_time: evalTime,
        exp_samples: series.map((s) => ({
          labels: labelText(s.labels),
          value: Math.round(expected(record, s.share) * 1e6),
        })),
      })),
    };
  };
  return {
    name: `${group.name} records`,
    // Rules evaluated hourly over samples every 2 minutes: a steady load reads the same at any
    // step, and the 30-day sums stay cheap.
    evaluation_interval: "60m",
    tests: [scenario("0, not nothing, on a healthy day", 0), scenario("a steady burn", budget / 2)],
  };
}

/** The test files of one SLO: its records, then one per tier. */
export function sloTestFiles(slo: Slo, group: RuleGroup): PromtoolTestFile[] {
  if (!traffic[slo.name]) {
    throw new Error(
      `SLO "${slo.name}" has no traffic in test/slos/traffic.ts: write how its component reports good and failed events there.`,
    );
  }
  return [recordsFile(slo, group), ...slo.alerting.tiers.map((t) => tierFile(slo, group, t))];
}
