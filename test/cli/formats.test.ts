/**
 * Findings in the formats CI reads: SARIF 2.1.0 (validated against the SARIF 2.1.0 JSON
 * Schema, see helpers/sarif.ts), GitHub workflow commands and JUnit XML.
 */
import { describe, expect, it } from "vitest";
import { formatGithub } from "../../scripts/engine/cli/github.ts";
import { formatJunit } from "../../scripts/engine/cli/junit.ts";
import { formatSarif } from "../../scripts/engine/cli/sarif.ts";
import type { Finding } from "../../scripts/engine/findings.ts";
import { validateSarif } from "../helpers/sarif.ts";

const findings: Finding[] = [
  {
    rule: "promql/unknown-metric",
    severity: "error",
    where: {
      file: "dashboards/api-gateway.ts",
      line: 35,
      column: 9,
      dashboard: "api-gateway",
      panel: { id: 639724214, title: "Request rate" },
      refId: "A",
      pointer: "/panels/1/targets/0/expr",
    },
    message: 'Unknown metric "input_recieved": 100% sure,\nsee "input_received".',
  },
  {
    rule: "alerts/required-fields",
    severity: "warning",
    where: {
      file: "alerts/targets.ts",
      line: 18,
      column: 5,
      group: "targets",
      alert: "TargetDown",
    },
    message: "No runbook <steps> & no summary.",
  },
  {
    rule: "promtool/check-rules",
    severity: "error",
    where: { file: "" },
    message: "promtool failed.",
  },
];

const rules = [
  { id: "promql/unknown-metric", description: "Every metric a query selects is known." },
  { id: "alerts/required-fields", description: "Every alert has its fields." },
];

describe("SARIF", () => {
  it("validates against the SARIF 2.1.0 schema, with and without findings", () => {
    for (const list of [findings, []]) {
      const log = JSON.parse(formatSarif(list, rules));
      expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    }
  });

  it("the schema catches a broken log (the validation is not vacuous)", () => {
    const log = JSON.parse(formatSarif(findings, rules));
    log.runs[0].results[0].level = "fatal";
    delete log.runs[0].tool.driver.name;
    expect(validateSarif(log)).toBe(false);
  });

  it("puts each finding at its .ts line and column, with its panel or rule as a logical location", () => {
    const log = JSON.parse(formatSarif(findings, rules));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      "alerts/required-fields",
      "promql/unknown-metric",
      "promtool/check-rules",
    ]);
    const panel = run.results.find((r: { ruleId: string }) => r.ruleId === "promql/unknown-metric");
    expect(panel).toEqual({
      ruleId: "promql/unknown-metric",
      ruleIndex: 1,
      level: "error",
      message: { text: findings[0]!.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "dashboards/api-gateway.ts", uriBaseId: "%SRCROOT%" },
            region: { startLine: 35, startColumn: 9 },
          },
          logicalLocations: [
            {
              name: "Request rate",
              fullyQualifiedName: "api-gateway/Request rate",
              kind: "member",
            },
          ],
        },
      ],
    });
    const model = run.results.find((r: { ruleId: string }) => r.ruleId === "promtool/check-rules");
    expect(model.locations).toEqual([]);
  });
});

describe("GitHub workflow commands", () => {
  it.each([
    [
      findings[0]!,
      '::error file=dashboards/api-gateway.ts,line=35,col=9,title=promql/unknown-metric::[dashboard api-gateway, panel "Request rate" (id 639724214), target A, at /panels/1/targets/0/expr] Unknown metric "input_recieved": 100%25 sure,%0Asee "input_received".\n',
    ],
    [
      findings[1]!,
      "::warning file=alerts/targets.ts,line=18,col=5,title=alerts/required-fields::[group targets, rule TargetDown] No runbook <steps> & no summary.\n",
    ],
    [findings[2]!, "::error title=promtool/check-rules::promtool failed.\n"],
    [
      {
        rule: "a/b",
        severity: "error",
        where: { file: "odd:name,1.json" },
        message: "m",
      } as Finding,
      "::error file=odd%3Aname%2C1.json,title=a/b::m\n",
    ],
  ])("%#: one annotation per finding, escaped as the runner reads it", (f, want) => {
    expect(formatGithub([f])).toBe(want);
  });
});

describe("JUnit XML", () => {
  it("one suite per file, a failure per failing finding, a warning as a passing case", () => {
    const xml = formatJunit("build", findings, (f) => f.severity === "error");
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="build" tests="3" failures="2" errors="0">',
        '  <testsuite name="(model)" tests="1" failures="1" errors="0">',
        '    <testcase classname="(model)" name="promtool/check-rules">',
        '      <failure type="promtool/check-rules" message="promtool failed.">error promtool/check-rules: promtool failed.</failure>',
        "    </testcase>",
        "  </testsuite>",
        '  <testsuite name="alerts/targets.ts" tests="1" failures="0" errors="0">',
        '    <testcase classname="alerts/targets.ts" name="alerts/required-fields [line 18:5, group targets, rule TargetDown]">',
        "      <system-out>warning alerts/required-fields: No runbook &lt;steps&gt; &amp; no summary.</system-out>",
        "    </testcase>",
        "  </testsuite>",
        '  <testsuite name="dashboards/api-gateway.ts" tests="1" failures="1" errors="0">',
        '    <testcase classname="dashboards/api-gateway.ts" name="promql/unknown-metric [line 35:9, dashboard api-gateway, panel &quot;Request rate&quot; (id 639724214), target A, at /panels/1/targets/0/expr]">',
        '      <failure type="promql/unknown-metric" message="Unknown metric &quot;input_recieved&quot;: 100% sure,">error promql/unknown-metric: Unknown metric &quot;input_recieved&quot;: 100% sure,',
        "see &quot;input_received&quot;.</failure>",
        "    </testcase>",
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
  });

  it("no findings: one passing case, so CI shows the checks ran", () => {
    expect(formatJunit("check", [], () => true)).toContain(
      '<testsuite name="check" tests="1" failures="0" errors="0">\n    <testcase classname="check" name="every check passed"/>',
    );
  });
});
