import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { DrillSource } from "../../scripts/engine/model/drills.ts";
import type { Duration } from "../../scripts/engine/model/rules.ts";
import {
  drillParts,
  partPlan,
  provenBy,
  quietRun,
  ruleParts,
} from "../../scripts/engine/prometheus/drill-parts.ts";
import { drillPlan } from "../../scripts/engine/prometheus/drill-test.ts";
import { toYaml } from "../../scripts/engine/render/yaml.ts";

type Rule = Record<string, unknown>;
const file = (groups: Record<string, Rule[]>): string =>
  toYaml({ groups: Object.entries(groups).map(([name, rules]) => ({ name, rules })) });
const alert = (name: string, expr: string): Rule => ({ alert: name, expr, for: "1m" });
const record = (name: string, expr: string, labels?: Record<string, string>): Rule => ({
  record: name,
  expr,
  ...(labels ? { labels } : {}),
});
/** Each part as the names of its groups. */
const groupsOfParts = (text: string): string[][] | undefined =>
  ruleParts(text)?.map((p) =>
    (parse(p.rules) as { groups: { name: string }[] }).groups.map((g) => g.name),
  );

describe("ruleParts: rule groups that promtool can run apart", () => {
  it.each<[string, Record<string, Rule[]>, string[][]]>([
    [
      "groups reading the same input series stay apart",
      { a: [alert("A", "up == 0")], b: [alert("B", "sum(up) == 0")] },
      [["a"], ["b"]],
    ],
    [
      "a group joins the group recording what it reads",
      {
        rec: [record("job:up:sum", "sum by (job) (up)")],
        a: [alert("A", "job:up:sum == 0")],
        c: [alert("C", "up == 0")],
      },
      [["rec", "a"], ["c"]],
    ],
    [
      "records of one name with different fixed labels stay apart, and so do their readers",
      {
        s1: [
          record("slo:ratio", "rate(x[5m])", { slo: "one" }),
          alert("One", 'slo:ratio{slo="one"} > 1'),
        ],
        s2: [
          record("slo:ratio", "rate(y[5m])", { slo: "two" }),
          alert("Two", 'slo:ratio{slo="two"} > 1'),
        ],
      },
      [["s1"], ["s2"]],
    ],
    [
      "a reader without the fixed label may read either record: all join",
      {
        s1: [record("slo:ratio", "rate(x[5m])", { slo: "one" })],
        s2: [record("slo:ratio", "rate(y[5m])", { slo: "two" })],
        a: [alert("Any", "slo:ratio > 1")],
      },
      [["s1", "s2", "a"]],
    ],
    [
      "two records that may write the same series join",
      {
        s1: [record("r", "rate(x[5m])")],
        s2: [record("r", "rate(y[5m])")],
      },
      [["s1", "s2"]],
    ],
    [
      "groups of one name join, and so do alerts of one name",
      {
        a: [alert("Same", "up == 0")],
        b: [alert("Same", "up == 1")],
        c: [alert("C", "up == 2")],
      },
      [["a", "b"], ["c"]],
    ],
  ])("%s", (_name, groups, parts) => {
    expect(groupsOfParts(file(groups))).toEqual(parts);
  });

  it("keeps two groups of the same name together", () => {
    const text = toYaml({
      groups: [
        { name: "g", rules: [alert("A", "up == 0")] },
        { name: "g", rules: [alert("B", "up == 1")] },
      ],
    });
    expect(groupsOfParts(text)).toEqual([["g", "g"]]);
  });

  it.each<[string, string]>([
    ["a rule reading ALERTS", file({ a: [alert("A", 'ALERTS{alertname="B"} == 1')] })],
    ["a selector without a metric name", file({ a: [alert("A", '{job="x"} == 0')] })],
    ["an expression promtool would reject", file({ a: [alert("A", "sum(up")] })],
    ["a rule without an expression", file({ a: [{ alert: "A" }] })],
    ["a file that is not YAML", "groups: [\n"],
    ["a file without groups", "rules: []\n"],
  ])("gives no parts for %s: the drill runs whole", (_name, text) => {
    expect(ruleParts(text)).toBeUndefined();
  });

  it("names what each part's rules select and write", () => {
    const [p] = ruleParts(
      file({ g: [record("job:x:rate", "rate(x[5m])"), alert("A", "job:x:rate > up")] }),
    )!;
    expect([...p!.names].sort()).toEqual(["job:x:rate", "up", "x"]);
    expect([...p!.alerts]).toEqual(["A"]);
  });
});

const source: DrillSource = {
  file: "alerts/drills/fixture.ts",
  drill: {
    summary: "A fixture outage",
    step: "1m",
    duration: "2m",
    failureAt: "1m",
    series: [
      { name: "up", labels: { job: "j" }, values: [1, 0, 0] },
      { name: "x", labels: { job: "j" }, values: [1, 2, 3] },
      { name: "ALERTS", labels: { alertname: "Z" }, values: [null, null, null] },
    ],
    expect: [
      { alert: "JobDown", severity: "critical", within: "1m" },
      { alert: "Gone", severity: "warning", within: "1m" },
    ],
    panels: [{ dashboard: "d", panel: "p" }],
  },
};

describe("partPlan and drillParts: a drill's series and assertions for each part", () => {
  const plan = drillPlan(source);
  const [down, other] = ruleParts(
    file({
      down: [alert("JobDown", "sum(up) == 0")],
      other: [alert("Other", "x > 10")],
    }),
  )!;
  const exprs = (p: ReturnType<typeof partPlan>) => p.assertions.map((a) => a.expr);
  const quiet = 'ALERTS{alertstate="firing"}';
  const others = 'ALERTS{alertstate="firing", alertname!~"JobDown|Gone"}';
  const fires = (a: string) =>
    `count by (alertname, severity) (ALERTS{alertstate="firing", alertname="${a}"})`;

  it("keeps the series the part's rules select, and those named after promtool's own", () => {
    expect(partPlan(plan, down!, false).series.map((s) => s.name)).toEqual(["up", "ALERTS"]);
    expect(partPlan(plan, other!, false).series.map((s) => s.name)).toEqual(["x", "ALERTS"]);
  });

  it("asserts the drill's own assertions in a part with an expected alert, its own deadlines only", () => {
    const p = partPlan(plan, down!, false);
    expect(p.title).toBe(plan.title);
    expect(exprs(p)).toEqual([quiet, others, others, fires("JobDown")]);
  });

  it("asserts that nothing fires at every step in a part without one, unless asked for the drill's own", () => {
    const p = partPlan(plan, other!, false);
    expect(p.title).toBe("drill part");
    expect(exprs(p)).toEqual([quiet, quiet, quiet]);
    expect(exprs(partPlan(plan, other!, true))).toEqual([quiet, others, others]);
  });

  it("adds a part with no rules for the expected alerts no rule has", () => {
    const parts = drillParts(plan, [down!, other!]);
    expect(parts).toHaveLength(3);
    expect(parse(parts[2]!.rules)).toEqual({ groups: [] });
    expect(exprs(partPlan(plan, parts[2]!, false))).toEqual([quiet, others, others, fires("Gone")]);
    expect(
      drillParts(plan, [down!, other!, ...ruleParts(file({ g: [alert("Gone", "up")] }))!]),
    ).toHaveLength(3);
  });
});

describe("quietRun and provenBy: a quiet part that a longer one proves need not run", () => {
  const rules = file({ other: [alert("Other", "x > 10")] });
  const [other] = ruleParts(rules)!;
  /** A drill of `up` and `x` at a step, with x's samples; `expect`s Other when `failing`. */
  const run = (x: (number | null)[], step: Duration = "1m", failing = false, up = x.map(() => 1)) =>
    quietRun(
      drillPlan({
        ...source,
        drill: {
          ...source.drill,
          step,
          duration: `${x.length - 1}m`,
          series: [
            { name: "up", labels: { job: "j" }, values: up },
            { name: "x", labels: { job: "j" }, values: x },
          ],
          expect: failing ? [{ alert: "Other", severity: "warning", within: "1m" }] : [],
        },
      }),
      other!,
    );
  const short = run([1, 2, 3]);

  it("keeps what a quiet part evaluates: its rules, step, steps and series", () => {
    expect(short).toEqual({
      rules: other!.rules,
      step: "1m",
      steps: 3,
      series: [{ series: 'x{job="j"}', samples: [1, 2, 3] }],
    });
    expect(run([1, 2, 3], "1m", true)).toBeUndefined();
  });

  it.each<[string, ReturnType<typeof quietRun>, boolean]>([
    ["a longer run of the same samples first", run([1, 2, 3, 40]), true],
    ["itself", short, true],
    ["a longer run missing a sample", run([1, null, 3, 4]), false],
    ["a run of other samples", run([1, 2, 4, 5]), false],
    ["a shorter run", run([1, 2]), false],
    ["a run at another step", run([1, 2, 3, 4], "30s"), false],
    // `up` is not the part's: its samples do not matter.
    ["a run whose other series differ", run([1, 2, 3, 4], "1m", false, [0, 0, 0, 0]), true],
  ])("a quiet part is proved by %s: %s", (_name, long, proved) => {
    expect(provenBy(long!, short!)).toBe(proved);
  });

  it("is not proved by a run of other rules, or of its series in another order", () => {
    const [again] = ruleParts(file({ again: [alert("Other", "x > 10")] }))!;
    expect(provenBy({ ...short!, rules: again!.rules }, short!)).toBe(false);
    const two = { ...short!, series: [...short!.series, { series: "y", samples: [1, 2, 3] }] };
    expect(provenBy({ ...two, series: [...two.series].reverse() }, two)).toBe(false);
    expect(provenBy(two, two)).toBe(true);
  });
});
