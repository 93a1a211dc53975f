import { promqlRegexp } from "../../../scripts/engine/checks/promql/regexp.ts";
import { findingsOf, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";
import { describe, expect, it } from "vitest";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

describe("promql/regexp", () => {
  it.each([
    'up{job=~"api-.*", instance=~"$instance", handler!~"/metrics|/health"}',
    'up{instance=~"${instance:regex}"}',
    "up{instance =~ '$instance'} + rate(up[$__rate_interval])",
    'up{path=~"/metrics\\\\$"}',
  ])("accepts %s", (expr) => {
    expect(findingsOf(promqlRegexp, panel(expr))).toEqual([]);
  });

  it.each([
    ['up{job=~"api-gateway"}', 'job=~"api-gateway" has no regex in it: use job="api-gateway".'],
    ['up{job!~"^api.*$"}', "Prometheus anchors regexes already; drop the ^ and $."],
    [
      "up{job =~ 'api-gateway'} + rate(up[$__rate_interval])",
      'job=~"api-gateway" has no regex in it',
    ],
  ])("warns on %s", (expr, message) => {
    const findings = findingsOf(promqlRegexp, panel(expr));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "promql/regexp",
      severity: "warning",
      where: { refId: "A" },
    });
    expect(findings[0]!.message).toContain(message);
  });
});
