import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ruleGroups } from "../../alerts/index.ts";
import { slos } from "../../config/platform.ts";
import { formatText } from "../../scripts/engine/findings.ts";
import {
  parseRuleTestFile,
  ruleTestCoverage,
  type RuleTestFile,
} from "../../scripts/engine/prometheus/coverage.ts";
import type { RuleGroupSource } from "../../scripts/engine/model/rules.ts";
import { fixtureAlert } from "../helpers/fixture-model.ts";
import { repoRoot } from "../helpers/repo.ts";
import { sloTestFiles } from "../slos/scenarios.ts";

const testsDir = join(repoRoot, "alerts/tests");
const testFiles: RuleTestFile[] = readdirSync(testsDir)
  .filter((f) => f.endsWith(".test.yml"))
  .sort()
  .map((f) => parseRuleTestFile(`alerts/tests/${f}`, readFileSync(join(testsDir, f), "utf8")))
  .map((parsed) => {
    expect(parsed.findings).toEqual([]);
    return parsed.value!;
  });
/** The SLOs' scenarios, built from their specs (test/slos/tiers.test.ts runs them). */
const sloScenarios: RuleTestFile[] = slos.flatMap((slo) => {
  const group = ruleGroups.find((g) => g.group.name === `slo-${slo.name}`)!.group;
  return sloTestFiles(slo, group).map((f) => ({ file: "test/slos/scenarios.ts", tests: f.tests }));
});

const fixtureGroup: RuleGroupSource[] = [
  {
    file: "alerts/fixture.ts",
    group: {
      name: "fixture",
      rules: [
        fixtureAlert("up == 0", "A"),
        { kind: "record", record: "job:x:rate5m", expr: "sum by (job) (rate(x_total[5m]))" },
      ],
    },
  },
];
const fires = { alertname: "A", exp_alerts: [{ exp_labels: { severity: "warning" } }] };
/** Quiet once A's `for` (5m, fixtureAlert's) has elapsed. */
const quiet = { eval_time: "10m", alertname: "A", exp_alerts: [] };
const readsRecord = { expr: 'sum(job:x:rate5m{job="j"}) > 1' };
const whereA = { file: "alerts/fixture.ts", group: "fixture", alert: "A" };

describe("alert unit test coverage", () => {
  it("every alert fires and stays quiet in some scenario, every recording rule is read", () => {
    const findings = ruleTestCoverage(ruleGroups, [...testFiles, ...sloScenarios]);
    expect(findings, formatText(findings)).toEqual([]);
  });

  it("reports an alert added without scenarios, naming it, its group and where to add them", () => {
    const added: RuleGroupSource = {
      file: "alerts/ml-worker.ts",
      group: { name: "ml-worker", rules: [fixtureAlert("up == 0", "NewAlert")] },
    };
    const where = { file: "alerts/ml-worker.ts", group: "ml-worker", alert: "NewAlert" };
    expect(ruleTestCoverage([...ruleGroups, added], [...testFiles, ...sloScenarios])).toEqual([
      {
        rule: "tests/untested-alert",
        severity: "error",
        where,
        message:
          "NewAlert has no scenario where it fires. Add one to alerts/tests/ml-worker.test.yml.",
      },
      {
        rule: "tests/untested-alert",
        severity: "error",
        where,
        message:
          "NewAlert has no scenario where it stays quiet. Add one to alerts/tests/ml-worker.test.yml.",
      },
    ]);
  });

  it.each<{ name: string; tests: RuleTestFile["tests"]; expected: unknown[] }>([
    {
      name: "nothing when the alert fires in one scenario and is quiet in another",
      tests: [
        { alert_rule_test: [fires] },
        { alert_rule_test: [quiet], promql_expr_test: [readsRecord] },
      ],
      expected: [],
    },
    {
      name: "an alert tested only where it fires",
      tests: [{ alert_rule_test: [fires], promql_expr_test: [readsRecord] }],
      expected: [
        {
          rule: "tests/untested-alert",
          where: whereA,
          message:
            "A has no scenario where it stays quiet. Add one to alerts/tests/fixture.test.yml.",
        },
      ],
    },
    {
      name: "an alert tested only where it is quiet (exp_alerts left out)",
      tests: [
        { alert_rule_test: [{ eval_time: "5m", alertname: "A" }], promql_expr_test: [readsRecord] },
      ],
      expected: [
        {
          rule: "tests/untested-alert",
          where: whereA,
          message: "A has no scenario where it fires. Add one to alerts/tests/fixture.test.yml.",
        },
      ],
    },
    {
      name: "an alert quiet only before its `for` has elapsed (it could not have fired yet)",
      tests: [
        {
          alert_rule_test: [
            fires,
            { eval_time: "4m59s", alertname: "A", exp_alerts: [] },
            { alertname: "A", exp_alerts: [] },
          ],
          promql_expr_test: [readsRecord],
        },
      ],
      expected: [
        {
          rule: "tests/untested-alert",
          where: whereA,
          message:
            "A has no scenario where it stays quiet. Add one to alerts/tests/fixture.test.yml.",
        },
      ],
    },
    {
      name: "a quiet scenario at a compound eval_time past `for`",
      tests: [
        {
          alert_rule_test: [fires, { eval_time: "1h30s", alertname: "A", exp_alerts: [] }],
          promql_expr_test: [readsRecord],
        },
      ],
      expected: [],
    },
    {
      name: "a recording rule no promql_expr_test reads",
      tests: [{ alert_rule_test: [fires, quiet], promql_expr_test: [{ expr: "up" }] }],
      expected: [
        {
          rule: "tests/untested-recording-rule",
          where: { ...whereA, alert: "job:x:rate5m" },
          message:
            "job:x:rate5m has no promql_expr_test that reads it. Add one to alerts/tests/fixture.test.yml.",
        },
      ],
    },
    {
      name: "a scenario naming an alert no group defines",
      tests: [
        {
          name: "typo",
          alert_rule_test: [fires, quiet, { alertname: "Aa", exp_alerts: [] }],
          promql_expr_test: [readsRecord],
        },
      ],
      expected: [
        {
          rule: "tests/unknown-alert",
          where: { file: "alerts/tests/fixture.test.yml", alert: "Aa" },
          message:
            'Scenario "typo" tests alert "Aa", which no rule group defines: it passes without testing anything. Fix the alertname.',
        },
      ],
    },
  ])("$name", ({ tests, expected }) => {
    const findings = ruleTestCoverage(fixtureGroup, [
      { file: "alerts/tests/fixture.test.yml", tests },
    ]);
    expect(findings.map(({ rule, where, message }) => ({ rule, where, message }))).toEqual(
      expected,
    );
  });

  it.each([
    ["groups: []\n", 'no "tests:" list'],
    ["tests: [\n", "Flow sequence"],
  ])("reports a file that is not a promtool test file as a finding naming it: %j", (text, why) => {
    const parsed = parseRuleTestFile("alerts/tests/x.test.yml", text);
    expect(parsed.value).toBeUndefined();
    expect(parsed.findings).toEqual([
      {
        rule: "tests/file",
        severity: "error",
        where: { file: "alerts/tests/x.test.yml" },
        message: expect.stringContaining(why),
      },
    ]);
  });
});
