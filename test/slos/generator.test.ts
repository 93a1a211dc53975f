/**
 * The SLO generator as a table: a spec in, its rule group out (alerts/lib/slo.ts), compared
 * with a golden file per case, as sloth and pyrra test theirs. Fixture specs, not the shipped
 * ones, so retuning config/platform.ts leaves these alone (config/prometheus/alerts.yml shows
 * those). After an intended change: npx vitest run test/slos/generator.test.ts -u, then review
 * the diff of test/slos/golden/.
 */
import { describe, expect, it } from "vitest";
import { sloRuleGroup } from "../../alerts/lib/slo.ts";
import { burnRateAlerting } from "../../config/platform.ts";
import type { AlertingRule } from "../../scripts/engine/model/rules.ts";
import { durationSeconds } from "../../scripts/engine/model/duration.ts";
import { sloWindows, type Slo } from "../../scripts/engine/model/slo.ts";
import { groupToYaml } from "../../scripts/engine/render/alerts.ts";
import { toYaml } from "../../scripts/engine/render/yaml.ts";

const base = {
  objective: 0.999,
  period: "30d",
  minFailedEvents: 20,
  alerting: burnRateAlerting,
  dashboards: ["fixture"],
  runbook: ["Open the fixture dashboard."],
} as const;

const cases: [string, Slo][] = [
  [
    "availability-bad-events",
    {
      ...base,
      name: "web-availability",
      title: "Web availability",
      events: "web requests",
      component: "web",
      sli: {
        kind: "availability",
        failed: "were answered with a 5xx",
        valid: { metric: "requests_total", matchers: 'handler!="/health"' },
        bad: [{ metric: "requests_total", matchers: 'handler!="/health", code=~"5.."' }],
      },
    },
  ],
  [
    "availability-good-and-bad-events",
    {
      ...base,
      name: "queue-availability",
      title: "Queue availability",
      events: "messages received",
      component: "queue",
      sli: {
        kind: "availability",
        failed: "were never acknowledged or failed a processor",
        valid: { metric: "received" },
        good: { metric: "acknowledged" },
        bad: [{ metric: "processor_error" }, { metric: "output_error" }],
      },
    },
  ],
  [
    "latency-per-model-integer-bound",
    {
      ...base,
      name: "model-latency",
      title: "Model latency",
      events: "completions",
      component: "models",
      objective: 0.99,
      sli: { kind: "latency", histogram: "completion_seconds", le: 1 },
      by: ["model_name"],
    },
  ],
  [
    "latency-custom-tiers",
    {
      ...base,
      name: "search-latency",
      title: "Search latency",
      events: "searches",
      component: "search",
      objective: 0.95,
      period: "28d",
      sli: {
        kind: "latency",
        histogram: "search_seconds",
        matchers: 'index="main"',
        le: 0.25,
      },
      // One page tier and one ticket tier: the windows come from the tiers, nothing else.
      alerting: {
        tiers: [
          { notify: "page", factor: 10, long: "2h", short: "10m", for: "5m" },
          { notify: "ticket", factor: 2, long: "2d", short: "4h", for: "2h" },
        ],
      },
    },
  ],
];

describe.each(cases)("SLO generator: %s", (name, slo) => {
  const group = sloRuleGroup(slo);

  it("renders its golden file", async () => {
    await expect(toYaml({ groups: [groupToYaml(group)] })).toMatchFileSnapshot(
      `golden/${name}.yml`,
    );
  });

  it("records the error ratio over every window a tier reads, labelled by the SLO", () => {
    const ratios = group.rules.flatMap((r) =>
      r.kind === "record" && r.record.startsWith("slo:sli_error:ratio_rate") ? [r] : [],
    );
    expect(ratios.map((r) => r.record)).toEqual([
      ...sloWindows(slo).map((w) => `slo:sli_error:ratio_rate${w}`),
      `slo:sli_error:ratio_rate${slo.period}`,
    ]);
    for (const r of group.rules) {
      if (r.kind === "record") expect(r.labels).toEqual({ slo: slo.name });
    }
  });

  it("alerts once per tier on both its windows, above the traffic floor, with its for", () => {
    const alerts = group.rules.filter((r): r is AlertingRule => r.kind === "alert");
    expect(alerts).toHaveLength(slo.alerting.tiers.length);
    for (const [i, tier] of slo.alerting.tiers.entries()) {
      const a = alerts[i]!;
      expect(a.for).toBe(tier.for);
      expect(a.labels.severity).toBe(tier.notify === "page" ? "critical" : "warning");
      expect(a.expr).toContain(`slo:sli_error:ratio_rate${tier.long}{`);
      expect(a.expr).toContain(`slo:sli_error:ratio_rate${tier.short}{`);
      expect(a.expr).toContain(
        `slo:sli_error:rate${tier.long}{slo="${slo.name}"} * ${durationSeconds(tier.long)} > ${slo.minFailedEvents}`,
      );
    }
  });
});
