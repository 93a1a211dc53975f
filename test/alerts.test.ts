import { describe, expect, it } from "vitest";
import { ruleGroups } from "../alerts/index.ts";
import { platform, thresholds } from "../config/platform.ts";
import { severities, type AlertingRule } from "../scripts/engine/model/rules.ts";

const alerts = ruleGroups.flatMap((g) =>
  g.group.rules
    .filter((r): r is AlertingRule => r.kind === "alert")
    .map((r) => [r.alert, r] as const),
);

describe.each(alerts)("alert %s", (name, rule) => {
  it("has for, a severity from the fixed set, summary, description and its runbook_url", () => {
    expect(rule.for).toMatch(/^\d+[smh]$/);
    expect(severities).toContain(rule.labels.severity);
    expect(rule.annotations.summary.length).toBeGreaterThan(10);
    expect(rule.annotations.description.length).toBeGreaterThan(20);
    // The runbook's anchor for a heading "### Name" (GitHub-style: lower-cased).
    expect(rule.annotations.runbook_url).toBe(`${platform.runbookBaseUrl}#${name.toLowerCase()}`);
    expect(rule.runbook?.length).toBeGreaterThan(0);
  });
});

describe("alert set", () => {
  it("names each alert once", () => {
    const names = alerts.map(([n]) => n);
    expect(new Set(names).size).toBe(names.length);
  });

  it("includes the runbook's two alerts, made correct", () => {
    const byName = Object.fromEntries(alerts);
    expect(byName.HighRequestLatency!.expr).toMatch(
      /^histogram_quantile\(0\.95, sum by \(le, job\) \(rate\(http_request_duration_seconds_bucket\{.*\}\[5m\]\)\)\) >= 1$/,
    );
    expect(byName.HighRequestLatency!.for).toBe("5m");
    // Informs (info, no pager) on a surge per tier: the steady refusals a tier always has do
    // not keep it firing.
    expect(byName.QuotaExceeded!.expr).toMatch(
      /^sum by \(job, tier\) \(rate\(quota_exceeded_total\{.*\}\[15m\]\)\) > 0\.5$/,
    );
    expect(byName.QuotaExceeded!.labels.severity).toBe("info");
    expect(byName.QuotaExceeded!.for).toBe("15m");
  });

  it("counts only GPU memory above vLLM's preallocation", () => {
    expect(thresholds.gpuMemory.ratio).toBeGreaterThan(thresholds.gpuMemory.vllmPreallocation);
  });
});
