import { describe, expect, it } from "vitest";
import { dashboards } from "../../dashboards/index.ts";
import {
  dashboardVariables,
  expandQuery,
  type VariableValue,
} from "../../scripts/engine/prometheus/expand.ts";

const intervals = { rateIntervalSeconds: 300, intervalSeconds: 60, rangeSeconds: 10_800 };
const values = new Map<string, VariableValue>([
  ["job", { values: ["api-gateway"], all: false }],
  ["instance", { values: ["10.42.0.1:4195", "10.42.0.2:4195"], all: true, allValue: ".+" }],
  ["model", { values: ["llama-3.1-8b", "mistral-7b"], all: false }],
  ["quoted", { values: ['a"b'], all: false }],
  ["window", { values: ["10m"], all: false }],
]);

describe("expandQuery", () => {
  it.each([
    {
      name: "macros become the query's intervals",
      expr: "rate(x[$__rate_interval]) + rate(y[$__interval]) + increase(z[$__range])",
      text: "rate(x[5m]) + rate(y[1m]) + increase(z[180m])",
    },
    {
      name: "numeric macros become numbers",
      expr: "x / $__range_s + $__interval_ms",
      text: "x / 10800 + 60000",
    },
    {
      name: "a single value in an equality matcher",
      expr: 'up{job="$job"}',
      text: 'up{job="api-gateway"}',
    },
    {
      name: "All in a regex matcher becomes the all value",
      expr: 'up{job="${job}", instance=~"$instance"}',
      text: 'up{job="api-gateway", instance=~".+"}',
    },
    {
      name: "All in an equality matcher takes the first value",
      expr: 'up{instance="$instance"}',
      text: 'up{instance="10.42.0.1:4195"}',
    },
    {
      name: "several values in a regex matcher become an escaped alternation",
      expr: 'x{model=~"[[model]]"}',
      text: 'x{model=~"(llama-3\\\\.1-8b|mistral-7b)"}',
    },
    {
      name: "quotes in a value are escaped inside the string",
      expr: 'x{a="$quoted"}',
      text: 'x{a="a\\"b"}',
    },
    {
      name: "a variable used as a range",
      expr: "rate(x[$window])",
      text: "rate(x[10m])",
    },
  ])("$name", ({ expr, text }) => {
    expect(expandQuery(expr, values, intervals)).toEqual({ text, unresolved: [] });
  });

  it("escapes regex metacharacters of a single value in a regex matcher", () => {
    const v = new Map([["instance", { values: ["10.42.0.1:4195"], all: false }]]);
    expect(expandQuery('up{instance=~"$instance"}', v, intervals).text).toBe(
      'up{instance=~"10\\\\.42\\\\.0\\\\.1:4195"}',
    );
  });

  it("names the variables nothing gave a value, leaving them as written", () => {
    expect(expandQuery('x{a="$nope", b=~"$job|$other"}', values, intervals)).toEqual({
      text: 'x{a="$nope", b=~"api-gateway|$other"}',
      unresolved: ["nope", "other"],
    });
  });
});

describe("dashboardVariables", () => {
  it("reads the real dashboards' variables in order, with their queries and All flags", () => {
    const vars = dashboardVariables(dashboards.find((d) => d.slug === "ml-service")!.dashboard);
    expect(vars.map((v) => [v.name, v.type, v.all])).toEqual([
      ["datasource", "datasource", false],
      ["loki", "datasource", false],
      ["job", "query", false],
      ["instance", "query", true],
      ["model_name", "query", true],
      ["hostname", "query", true],
      ["search", "textbox", false],
    ]);
    expect(vars.find((v) => v.name === "instance")).toMatchObject({
      query: 'label_values(up{job="$job"}, instance)',
      allValue: ".+",
      datasourceType: "prometheus",
    });
  });

  it("does not crash on odd JSON", () => {
    expect(dashboardVariables({ templating: { list: [null, { name: "x", query: 3 }] } })).toEqual([
      {
        name: "x",
        type: "",
        query: "",
        all: false,
        allValue: undefined,
        datasourceType: undefined,
        pointer: "/templating/list/1",
      },
    ]);
  });
});
