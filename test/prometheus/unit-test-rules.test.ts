import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { parse } from "yaml";
import { noInputTests, unitTestRules } from "../../scripts/engine/prometheus/unit-test-rules.ts";
import { toYaml } from "../../scripts/engine/render/yaml.ts";
import { requireBinaries } from "../helpers/binaries.ts";
import { promtool, type PromtoolRun } from "../helpers/promtool.ts";

type Rule = Record<string, unknown>;
const alert = (name: string, expr: string): Rule => ({ alert: name, expr, for: "5m" });
const record = (name: string, expr: string): Rule => ({ record: name, expr });

/** A rule file of these groups: a recorded SLO ratio and its alert, two alerts apart. */
const groups: Record<string, Rule[]> = {
  "slo-records": [record("job:errors:ratio", 'sum(rate(errors_total{job="api"}[5m]))')],
  "slo-alerts": [alert("ErrorBudgetBurn", "job:errors:ratio > 0.1")],
  targets: [alert("TargetDown", "up == 0")],
  queue: [alert("QueueBacklog", 'queue_depth{job="worker", queue=~"in.*"} > 10')],
  gpu: [alert("GpuHot", 'gpu_temp{mode!="idle"} > 90')],
  constants: [record("build_info", "vector(1)")],
};
const file = (g: Record<string, Rule[]> = groups): string =>
  toYaml({ groups: Object.entries(g).map(([name, rules]) => ({ name, rules })) });
const text = file();

interface TestGroup {
  input_series?: { series: string; values: string }[];
  alert_rule_test?: { eval_time: string; alertname: string; exp_alerts: unknown[] }[];
  promql_expr_test?: { expr: string; eval_time: string; exp_samples: unknown[] }[];
}
const doc = (tests: TestGroup[], extra: Record<string, unknown> = {}) => ({
  rule_files: ["rules.yml"],
  evaluation_interval: "1m",
  ...extra,
  tests: tests.map((t) => ({ interval: "1m", ...t })),
});
const series = (s: string) => ({ series: s, values: "0+1x30" });
const alertTest = (name: string) => ({ eval_time: "10m", alertname: name, exp_alerts: [] });
const exprTest = (expr: string) => ({ expr, eval_time: "10m", exp_samples: [] });
/** The names of the groups the cut keeps, or "whole" when it gives the text back. */
const kept = (d: unknown, t = text): string[] | "whole" => {
  const out = unitTestRules(d, t);
  return out === t
    ? "whole"
    : (parse(out) as { groups: { name: string }[] }).groups.map((g) => g.name);
};

describe("unitTestRules: the parts a unit test file needs", () => {
  it.each<[string, unknown, string[] | "whole", string?]>([
    [
      "an alert test keeps its alert's group and the group recording what it reads",
      doc([{ alert_rule_test: [alertTest("ErrorBudgetBurn")] }]),
      ["slo-records", "slo-alerts"],
    ],
    [
      "alert tests of two groups keep both, in the file's order",
      doc([
        { alert_rule_test: [alertTest("QueueBacklog")] },
        { alert_rule_test: [alertTest("TargetDown")] },
      ]),
      ["targets", "queue"],
    ],
    [
      "an expr test on a recorded series keeps the part writing it",
      doc([{ promql_expr_test: [exprTest("job:errors:ratio * 100")] }]),
      ["slo-records", "slo-alerts"],
    ],
    [
      "an expr test on an input series alone keeps nothing",
      doc([{ promql_expr_test: [exprTest("sum(other_total)")] }]),
      [],
    ],
    [
      "an alert name no rule has needs no part",
      doc([{ alert_rule_test: [alertTest("NoSuchAlert")] }]),
      [],
    ],
    [
      "a part whose rule can select an input series is kept: its rules could fail to evaluate on it",
      doc([{ input_series: [series('up{job="api", instance="a:1"}')] }]),
      ["targets"],
    ],
    [
      "input series that an = or != matcher rules out keep no part",
      doc([
        {
          input_series: [series('errors_total{job="web"}'), series('gpu_temp{mode="idle"}')],
          alert_rule_test: [alertTest("TargetDown")],
        },
      ]),
      ["targets"],
    ],
    [
      "a part recording an input series' name is kept: its samples would collide",
      doc([{ input_series: [series("build_info")] }]),
      ["constants"],
    ],
    [
      "a regex matcher is taken to match",
      doc([{ input_series: [series('queue_depth{job="worker", queue="out"}')] }]),
      ["queue"],
    ],
    [
      "a matcher on a label the input series lacks compares the empty value",
      doc([{ input_series: [series("errors_total")] }]),
      [],
    ],
    [
      "group_eval_order does not keep groups: promtool orders only the groups it loads",
      doc([{ alert_rule_test: [alertTest("TargetDown")] }], {
        group_eval_order: ["queue", "targets"],
      }),
      ["targets"],
    ],
    [
      "every part needed: the text unchanged",
      doc([
        {
          input_series: [
            series('gpu_temp{mode="busy"}'),
            series('queue_depth{job="worker"}'),
            series("build_info"),
          ],
          alert_rule_test: [alertTest("TargetDown"), alertTest("ErrorBudgetBurn")],
        },
      ]),
      "whole",
      `# The file's own bytes, comments too.\n${text}`,
    ],
  ])("%s", (_, d, groupNames, t = text) => {
    expect(kept(d, t)).toEqual(groupNames);
  });

  const aTest = { alert_rule_test: [alertTest("TargetDown")] };
  it.each<[string, unknown, string?]>([
    ["a document that is not a map", "tests: []"],
    ["tests that are not a list", { rule_files: ["rules.yml"], tests: {} }],
    ["two rule files", doc([aTest], { rule_files: ["a.yml", "b.yml"] })],
    ["no rule file", doc([aTest], { rule_files: [] })],
    ["an expr that does not parse", doc([aTest, { promql_expr_test: [exprTest("sum(")] }])],
    ["an expr on ALERTS", doc([aTest, { promql_expr_test: [exprTest('ALERTS{alertname="X"}')] }])],
    [
      "an expr on ALERTS_FOR_STATE",
      doc([aTest, { promql_expr_test: [exprTest("ALERTS_FOR_STATE")] }]),
    ],
    [
      "an expr with a selector without a metric name",
      doc([aTest, { promql_expr_test: [exprTest('{job="api"}')] }]),
    ],
    ["an input series named ALERTS", doc([{ ...aTest, input_series: [series("ALERTS")] }])],
    ["an input series without a name", doc([{ ...aTest, input_series: [series('{job="x"}')] }])],
    ["an input series that does not parse", doc([{ ...aTest, input_series: [series("up{")] }])],
    [
      "an eval_time that is not a duration",
      doc([{ alert_rule_test: [{ ...alertTest("TargetDown"), eval_time: "soon" }] }]),
    ],
    [
      "a rule reading ALERTS (ruleParts sees no parts)",
      doc([aTest]),
      file({ ...groups, meta: [alert("M", "ALERTS > 0")] }),
    ],
    ["a rule file that is not YAML", doc([aTest]), "groups: [\n"],
  ])("runs whole: %s", (_, d, t = text) => {
    expect(unitTestRules(d, t)).toBe(t);
  });
});

describe("noInputTests: what the cuts rest on", () => {
  it("one document per evaluation interval and group order, as long as the longest test", () => {
    const at = (t: string) => ({ alert_rule_test: [{ ...alertTest("TargetDown"), eval_time: t }] });
    const docs = [
      doc([at("10m"), at("2h")]),
      doc([at("30m")]),
      doc([at("3m")], { evaluation_interval: "30s" }),
    ];
    const out = noInputTests(docs, "/rules.yml") as {
      evaluation_interval: string;
      tests: { input_series: unknown[]; promql_expr_test: { eval_time: string }[] }[];
    }[];
    expect(
      out.map((d) => [d.evaluation_interval, d.tests[0]!.promql_expr_test[0]!.eval_time]),
    ).toEqual([
      ["1m", "7200000ms"],
      ["30s", "180000ms"],
    ]);
    expect(out.every((d) => d.tests[0]!.input_series.length === 0)).toBe(true);
  });
});

const need = requireBinaries(["promtool"]);

describe.skipIf(need.skip)(need.title("promtool: a cut cannot hide a failure"), () => {
  /** promtool's verdict on a unit test document with the whole rule file and with its cut. */
  async function verdicts(d: Record<string, unknown>, rules: string) {
    const dir = mkdtempSync(join(tmpdir(), "mlmon-unit-rules-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const run = async (name: string, ruleText: string) => {
      writeFileSync(join(dir, `${name}.yml`), ruleText);
      writeFileSync(join(dir, `${name}.test.yml`), toYaml({ ...d, rule_files: [`${name}.yml`] }));
      return promtool(["test", "rules", `${name}.test.yml`], dir);
    };
    const cut = unitTestRules(d, rules);
    expect(cut, "the cut keeps less than the whole file").not.toBe(rules);
    return { whole: await run("whole", rules), cut: await run("cut", cut) };
  }

  /** promtool fails both runs, saying `what`. */
  const bothFail = (runs: Record<"whole" | "cut", PromtoolRun>, what: string) => {
    for (const [name, r] of Object.entries(runs)) {
      expect(r.status, `${name}: ${r.output}`).toBe(1);
      expect(r.output, name).toContain(what);
    }
  };

  it("group_eval_order may name a group the cut drops: promtool orders only what it loaded", async () => {
    const d = doc(
      [
        {
          input_series: [{ series: 'up{job="api", instance="a:1"}', values: "0x30" }],
          alert_rule_test: [
            {
              eval_time: "10m",
              alertname: "TargetDown",
              exp_alerts: [{ exp_labels: { job: "api", instance: "a:1" } }],
            },
          ],
        },
      ],
      { group_eval_order: ["queue", "targets"] },
    );
    for (const [name, r] of Object.entries(await verdicts(d, text))) {
      expect(r.status, `${name}: ${r.output}`).toBe(0);
    }
  });

  it("an expected alert that does not fire fails on the cut as on the whole file", async () => {
    const d = doc([
      {
        input_series: [{ series: 'errors_total{job="api"}', values: "0+1x30" }],
        alert_rule_test: [
          {
            eval_time: "20m",
            alertname: "ErrorBudgetBurn",
            exp_alerts: [{ exp_labels: { severity: "page" } }],
          },
        ],
      },
    ]);
    bothFail(await verdicts(d, text), "alertname: ErrorBudgetBurn");
  });

  it("an alert expected quiet that fires fails on the cut as on the whole file", async () => {
    // The recorded ratio reads no input series: only the alert test keeps its group.
    const rules = file({ ...groups, "slo-records": [record("job:errors:ratio", "vector(0.5)")] });
    const d = doc([{ alert_rule_test: [alertTest("ErrorBudgetBurn")] }]);
    bothFail(await verdicts(d, rules), "alertname: ErrorBudgetBurn");
  });

  it("a kept rule failing to evaluate on the input series fails the cut as the whole file", async () => {
    // Two series that differ only in the label the rule drops: duplicate series at each step.
    const rules = file({
      ...groups,
      flatten: [record("up:flat", 'label_replace(up, "instance", "", "", "")')],
    });
    const d = doc([
      {
        input_series: [
          { series: 'up{job="api", instance="a:1"}', values: "1x30" },
          { series: 'up{job="api", instance="b:1"}', values: "1x30" },
        ],
        alert_rule_test: [alertTest("QueueBacklog")],
      },
    ]);
    bothFail(await verdicts(d, rules), "rule: up:flat");
  });

  it("a kept record appending where an input series has a sample fails the cut as the whole file", async () => {
    const d = doc([
      {
        input_series: [{ series: "build_info", values: "5x30" }],
        alert_rule_test: [alertTest("TargetDown")],
      },
    ]);
    bothFail(await verdicts(d, text), "rule: build_info");
  });

  it("a rule failing with no input series fails the whole file and its no-input test", async () => {
    // promtool check rules accepts this; the regex fails at every evaluation.
    const rules = file({
      ...groups,
      broken: [record("broken:one", 'label_replace(vector(1), "a", "$1", "b", "(")')],
    });
    const d = doc([{ alert_rule_test: [alertTest("TargetDown")] }]);
    const { whole, cut } = await verdicts(d, rules);
    expect(whole.status, whole.output).toBe(1);
    expect(cut.status, "the cut drops the broken rule").toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "mlmon-no-input-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "rules.yml"), rules);
    const [noInput] = noInputTests([d], "rules.yml");
    writeFileSync(join(dir, "no-input.test.yml"), toYaml(noInput));
    const r = await promtool(["test", "rules", "no-input.test.yml"], dir);
    expect(r.status, r.output).toBe(1);
    expect(r.output).toContain("rule: broken:one");
  });
});
