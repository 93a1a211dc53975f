import { logqlSyntax } from "../../../scripts/engine/checks/logql/syntax.ts";
import { findingsOf, fixtureAlert, fixtureModel } from "../../helpers/fixture-model.ts";
import { describe, expect, it } from "vitest";

/** The fixture dashboard's Logs row carries two Loki targets; break one of them. */
function withLogQuery(expr: string) {
  const model = fixtureModel();
  const logsRow = model.dashboards[0]!.dashboard.panels!.find(
    (p) => p.title === "Logs",
  ) as unknown as {
    panels: { title: string; targets: { expr: string }[] }[];
  };
  logsRow.panels.find((p) => p.title === "Logs")!.targets[0]!.expr = expr;
  return model;
}

describe("logql/syntax", () => {
  it("accepts the generated log panels (variables and $__auto substituted)", () => {
    expect(findingsOf(logqlSyntax, fixtureModel())).toEqual([]);
  });

  it.each([
    ['{app="x" |= "a"', /column 10: unexpected "\|"/],
    ['rate({app="x"}[$__auto]', /unexpected end of query: 1 unclosed "\("/],
  ])("reports %s at its position", (expr, message) => {
    const findings = findingsOf(logqlSyntax, withLogQuery(expr));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.rule).toBe("logql/syntax");
    expect(findings[0]!.where).toMatchObject({
      dashboard: "fixture",
      panel: { title: "Logs" },
      refId: "A",
    });
    expect(findings[0]!.message).toMatch(message);
  });

  it("checks the Loki rules too, at the rule", () => {
    const model = fixtureModel({ logRules: [fixtureAlert('sum(rate({app="x"}[5m]) > 1')] });
    const findings = findingsOf(logqlSyntax, model);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.where).toMatchObject({
      file: "alerts/loki/fixture.ts",
      group: "fixture-logs",
      alert: "FixtureAlert",
      pointer: "/expr",
    });
    expect(findings[0]!.message).toMatch(/unclosed "\("/);
  });
});
