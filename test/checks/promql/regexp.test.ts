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

describe("promql/regexp: what RE2 refuses", () => {
  it.each([
    ['up{job=~"(?=api).*"}', "invalid or unsupported Perl syntax"],
    ['up{job=~"(a)\\\\1"}', "invalid escape sequence"],
    ['up{job=~"api-(.*"}', "missing closing )"],
  ])("is an error: %s", (expr, why) => {
    const findings = findingsOf(promqlRegexp, panel(expr));
    expect(findings).toEqual([
      expect.objectContaining({ severity: "error", message: expect.stringContaining(why) }),
    ]);
    expect(findings[0]!.message).toContain("is not a regex Prometheus accepts");
  });

  it("accepts RE2 that JavaScript does not: POSIX classes, inline flags", () => {
    expect(findingsOf(promqlRegexp, panel('up{job=~"[[:alpha:]-]+", code=~"(?i)5.."}'))).toEqual(
      [],
    );
  });
});
