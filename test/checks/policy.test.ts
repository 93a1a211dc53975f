import { describe, expect, it } from "vitest";
import { modelChecks } from "../../scripts/engine/checks/index.ts";
import { runChecks } from "../../scripts/engine/checks/check.ts";
import { applyPolicy, type Policy } from "../../scripts/engine/checks/policy.ts";
import { modelSuppressions } from "../../scripts/engine/checks/suppressions.ts";
import type { Model } from "../../scripts/engine/model/index.ts";
import type { Suppression } from "../../scripts/engine/model/suppressions.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../helpers/fixture-model.ts";

/** A panel with a fixed rate window (promql/rate-interval), an alert on a raw counter. */
const model = (panel: Suppression[] = [], group: Suppression[] = []): Model => {
  const m = fixtureModel({
    panels: [{ ...panelSpec(["sum(rate(requests_total[5m]))"], "reqps"), disable: panel }],
    rules: [{ ...fixtureAlert("requests_total > 0"), disable: [] }],
  });
  m.ruleGroups[0]!.group.disable = group;
  return m;
};

const settle = (m: Model, policy: Partial<Policy> = {}) =>
  applyPolicy(runChecks(modelChecks, m), modelChecks, {
    profile: "platform",
    suppressions: modelSuppressions(m),
    ...policy,
  });

const rules = (fs: { rule: string }[]) => fs.map((f) => f.rule).sort();

describe("suppressions and profiles", () => {
  it("a panel's suppression with a reason silences its finding, and is counted", () => {
    const before = settle(model());
    expect(rules(before.findings)).toContain("promql/rate-interval");
    const after = settle(
      model([{ rule: "promql/rate-interval", reason: "A fixed 5m window, as the alert has." }]),
    );
    expect(rules(after.findings)).not.toContain("promql/rate-interval");
    expect(after.suppressed).toMatchObject([
      { rule: "promql/rate-interval", where: { panel: { title: "Fixture panel" } } },
    ]);
    expect(rules(after.findings)).not.toContain("check/suppression");
  });

  it("a rule group's suppression covers its alerts", () => {
    const before = settle(model());
    expect(rules(before.findings)).toContain("promql/counter-rate");
    const after = settle(
      model([], [{ rule: "promql/counter-rate", reason: "Total since start." }]),
    );
    expect(rules(after.findings)).not.toContain("promql/counter-rate");
    expect(after.suppressed.map((f) => f.where.group)).toEqual(["fixture"]);
  });

  it("reports a suppression without a reason, one of no rule, and one that suppresses nothing", () => {
    const settled = settle(
      model([
        { rule: "promql/rate-interval", reason: " " },
        { rule: "promql/rate-intervall", reason: "typo" },
        { rule: "promql/regexp", reason: "nothing to suppress" },
      ]),
    );
    const about = settled.findings.filter((f) => f.rule === "check/suppression");
    expect(about.map((f) => [f.severity, f.message])).toEqual([
      [
        "error",
        expect.stringContaining("Suppression of promql/rate-interval has no reason: say why"),
      ],
      [
        "error",
        expect.stringContaining(
          'Suppression names "promql/rate-intervall", which is no rule id: it suppresses nothing. Did you mean "promql/rate-interval"?',
        ),
      ],
      [
        "warning",
        expect.stringContaining("Suppression of promql/regexp suppresses nothing here any more"),
      ],
    ]);
    expect(about[0]!.where).toMatchObject({
      file: "dashboards/fixture.ts",
      dashboard: "fixture",
      panel: { title: "Fixture panel" },
    });
    // Without a reason it still suppresses: one problem to fix, not two.
    expect(settled.suppressed.map((f) => f.rule)).toEqual(["promql/rate-interval"]);
  });

  it("the community profile leaves house rules out, and says so of a suppression of one", () => {
    expect(rules(settle(model()).findings)).toContain("promql/rate-interval");
    const community = settle(
      model([{ rule: "promql/rate-interval", reason: "A fixed window, as the alert has." }]),
      { profile: "community" },
    );
    expect(rules(community.findings)).toEqual(["check/suppression", "promql/counter-rate"]);
    expect(community.findings.find((f) => f.rule === "check/suppression")?.message).toContain(
      "suppresses nothing: profile community leaves promql/rate-interval out",
    );
  });

  it("per-rule severities from a config win over the profile's", () => {
    const settled = settle(model(), { severity: { "promql/rate-interval": "info" } });
    expect(settled.findings.find((f) => f.rule === "promql/rate-interval")?.severity).toBe("info");
  });
});

describe("severities under the community profile", () => {
  const unfloored = fixtureModel({
    rules: [fixtureAlert("sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) > 0.05")],
  });
  const severity = (profile: Policy["profile"]) =>
    settle(unfloored, { profile }).findings.find((f) => f.rule === "alerts/ratio-traffic-floor")
      ?.severity;

  it("a ratio alert without a traffic floor is an error for our sources, a warning for others'", () => {
    expect(severity("platform")).toBe("error");
    expect(severity("community")).toBe("warning");
  });
});
