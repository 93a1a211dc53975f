import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { DrillSource } from "../../scripts/engine/model/drills.ts";
import { drillTest, seriesValues } from "../../scripts/engine/prometheus/drill-test.ts";
import { formatDrillResult, parseDrillOutput } from "../../scripts/engine/prometheus/drills.ts";
import { runTool } from "../../scripts/engine/promtool/run.ts";

describe("seriesValues: one sample per step in promtool's notation", () => {
  it.each<[string, (number | null)[], string]>([
    ["a constant", [5, 5, 5, 5], "5x3"],
    ["a counter", [0, 60, 120, 180], "0+60x3"],
    ["a falling gauge", [10, 8, 6], "10-2x2"],
    ["one value", [7], "7"],
    ["a change of slope", [0, 1, 2, 4, 6], "0+1x2 4+2x1"],
    [
      "a target that stops answering: stale, then nothing",
      [1, 1, null, null, null],
      "1x1 stale _x2",
    ],
    ["a series that appears later", [null, null, 3, 3], "_x2 3x1"],
    ["one missing sample at the start", [null, 2], "_ 2"],
    ["decimals without float noise", [0.1, 0.2, 0.3], "0.1+0.1x2"],
  ])("%s", (_name, values, text) => {
    expect(seriesValues(values)).toBe(text);
  });
});

const source: DrillSource = {
  file: "alerts/drills/fixture-outage.ts",
  drill: {
    summary: "A fixture outage",
    step: "1m",
    duration: "4m",
    failureAt: "2m",
    series: [{ name: "up", labels: { job: "j", instance: "i" }, values: [1, 1, 0, 0, 0] }],
    expect: [
      {
        alert: "JobDown",
        severity: "critical",
        within: "1m",
        firing: [{ job: "j" }],
      },
    ],
    panels: [{ dashboard: "d", panel: "p" }],
  },
};

describe("drillTest", () => {
  const test = drillTest(source, "/tmp/rules.yml");
  const doc = parse(test.text) as {
    rule_files: string[];
    evaluation_interval: string;
    tests: {
      name: string;
      interval: string;
      input_series: { series: string; values: string }[];
      promql_expr_test: { expr: string; eval_time: string; exp_samples: unknown[] }[];
    }[];
  };
  const [t] = doc.tests;

  it("reads the rule file, evaluates at the drill's step and feeds its series", () => {
    expect(test.name).toBe("fixture-outage");
    expect(doc.rule_files).toEqual(["/tmp/rules.yml"]);
    expect(doc.evaluation_interval).toBe("1m");
    expect(t!.name).toBe("drill fixture-outage: A fixture outage");
    expect(t!.input_series).toEqual([{ series: 'up{instance="i", job="j"}', values: "1x1 0x2" }]);
  });

  it("asserts at every step: nothing before the failure, nothing else after, the alert from its deadline", () => {
    const quiet = 'ALERTS{alertstate="firing"}';
    const others = 'ALERTS{alertstate="firing", alertname!~"JobDown"}';
    const fires =
      'count by (alertname, severity, job) (ALERTS{alertstate="firing", alertname="JobDown"})';
    const sample = [{ labels: '{alertname="JobDown", job="j", severity="critical"}', value: 1 }];
    expect(t!.promql_expr_test).toEqual([
      { expr: quiet, eval_time: "0s", exp_samples: [] },
      { expr: quiet, eval_time: "60s", exp_samples: [] },
      { expr: others, eval_time: "120s", exp_samples: [] },
      { expr: others, eval_time: "180s", exp_samples: [] },
      { expr: fires, eval_time: "180s", exp_samples: sample },
      { expr: others, eval_time: "240s", exp_samples: [] },
      { expr: fires, eval_time: "240s", exp_samples: sample },
    ]);
    expect(test.meanings.get(fires)).toBe(
      "JobDown fires (critical) by 1m after the failure starts",
    );
  });

  it("says a state that must stay quiet lets nothing fire at all", () => {
    const quiet: DrillSource = {
      ...source,
      drill: { ...source.drill, failureAt: undefined, expect: [] },
    };
    expect([...drillTest(quiet, "/r").meanings]).toEqual([
      ['ALERTS{alertstate="firing"}', "nothing fires"],
    ]);
  });

  it("counts alerts that share the labels the drill names", () => {
    const two: DrillSource = {
      ...source,
      drill: {
        ...source.drill,
        expect: [{ alert: "TargetDown", severity: "warning", within: "1m", firing: [{}, {}] }],
      },
    };
    const last = (parse(drillTest(two, "/r").text) as typeof doc).tests[0]!.promql_expr_test.at(-1);
    expect(last).toEqual({
      expr: 'count by (alertname, severity) (ALERTS{alertstate="firing", alertname="TargetDown"})',
      eval_time: "240s",
      exp_samples: [{ labels: '{alertname="TargetDown", severity="warning"}', value: 2 }],
    });
  });
});

describe("promtool's failures, told as the drill's expectations", () => {
  const meanings = new Map([
    ['ALERTS{alertstate="firing", alertname!~"JobDown"}', "nothing fires but JobDown"],
  ]);
  // promtool 2.42's report of two failed promql_expr_tests of the same assertion.
  const output = `Unit Testing:  x.test.yml
  FAILED:
    expr: "ALERTS{alertstate=\\"firing\\", alertname!~\\"JobDown\\"}", time: 3m,
        exp: nil
        got: {__name__="ALERTS", alertname="TargetDown", alertstate="firing"} 1E+00
    expr: "ALERTS{alertstate=\\"firing\\", alertname!~\\"JobDown\\"}", time: 4m,
        exp: nil
        got: {__name__="ALERTS", alertname="TargetDown", alertstate="firing"} 1E+00
`;
  const failures = parseDrillOutput(output, meanings);

  it("groups the steps of one assertion and keeps what fired first", () => {
    expect(failures).toEqual([
      {
        meaning: "nothing fires but JobDown",
        times: ["3m", "4m"],
        expected: "nil",
        got: '{__name__="ALERTS", alertname="TargetDown", alertstate="firing"} 1',
      },
    ]);
  });

  it("says which drill failed, what it expected, when, and what fired", () => {
    const text = formatDrillResult({
      name: "fixture-outage",
      file: "alerts/drills/fixture-outage.ts",
      passed: false,
      failures,
      output,
    });
    expect(text).toBe(
      [
        "FAIL fixture-outage (alerts/drills/fixture-outage.ts)",
        "  expected: nothing fires but JobDown",
        "    at 3m and 1 later steps (to 4m)",
        "    wanted: nil",
        '    got:    {__name__="ALERTS", alertname="TargetDown", alertstate="firing"} 1',
      ].join("\n"),
    );
  });

  it("shows promtool's own words when no assertion failed (a rule file it rejects)", () => {
    const text = formatDrillResult({
      name: "x",
      file: "alerts/drills/x.ts",
      passed: false,
      failures: [],
      output: "  FAILED:\n    rules.yml: 1:1: groups: unexpected\n",
    });
    expect(text).toContain("rules.yml: 1:1: groups: unexpected");
  });
});

describe("runTool", () => {
  it("stops a tool that runs past its time limit: no exit status", async () => {
    const started = Date.now();
    const r = await runTool("sleep", ["30"], undefined, 200);
    expect(r.status).toBeNull();
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
