import { describe, expect, it } from "vitest";
import { panelsOf, targetsOf, type Json } from "../../scripts/engine/model/walk.ts";

const promql = 'sum(rate(http_requests_total{job="api"}[5m]))';
const logql = '{app="api"} |= "error"';

/** A dashboard with one panel (datasource `panel`) and one target (datasource `target`). */
function language(panel: unknown, target: unknown, expr: string, extra: Json = {}) {
  const dashboard = {
    templating: {
      list: [
        { name: "ds", type: "datasource", query: "prometheus" },
        { name: "logs", type: "datasource", query: "loki" },
      ],
    },
    ...extra,
    panels: [{ type: "timeseries", datasource: panel, targets: [{ datasource: target, expr }] }],
  };
  const [t] = targetsOf(panelsOf(dashboard)[0]!);
  return [t!.language, t!.datasourceType];
}

describe("a target's language follows its datasource", () => {
  it.each([
    ["a {type, uid} reference", { type: "loki", uid: "x" }, undefined, logql, ["logql", "loki"]],
    [
      "the target's own over its panel's",
      { type: "loki" },
      { type: "prometheus" },
      promql,
      ["promql", "prometheus"],
    ],
    [
      "a datasource variable (its query is the plugin)",
      "${logs}",
      undefined,
      logql,
      ["logql", "loki"],
    ],
    [
      "a variable in a reference's uid",
      { uid: "$ds" },
      undefined,
      promql,
      ["promql", "prometheus"],
    ],
    [
      "a mixed panel's target naming Loki",
      { type: "datasource", uid: "-- Mixed --" },
      { uid: "${logs}" },
      logql,
      ["logql", "loki"],
    ],
    [
      "a mixed panel's target naming none: its query decides",
      "-- Mixed --",
      undefined,
      logql,
      ["logql", undefined],
    ],
    [
      "-- Dashboard -- (results of another panel)",
      { type: "datasource", uid: "-- Dashboard --" },
      undefined,
      "",
      [undefined, "dashboard"],
    ],
    [
      "-- Grafana -- (its test data and annotations)",
      { type: "datasource", uid: "grafana" },
      undefined,
      "",
      [undefined, "grafana"],
    ],
    [
      "another plugin (Elasticsearch)",
      { type: "elasticsearch", uid: "es" },
      undefined,
      "status:500",
      [undefined, "elasticsearch"],
    ],
    ["a datasource name: LogQL sniffed", "Loki", undefined, logql, ["logql", undefined]],
    ["the default datasource: PromQL sniffed", null, undefined, promql, ["promql", undefined]],
    [
      "a broken query of no known datasource is PromQL's to report",
      null,
      undefined,
      "sum(rate(x[5m])",
      ["promql", undefined],
    ],
  ])("%s", (_name, panel, target, expr, expected) => {
    expect(language(panel, target, expr)).toEqual(expected);
  });

  it("an export's input names its plugin", () => {
    const inputs = { __inputs: [{ name: "DS_LOKI", type: "datasource", pluginId: "loki" }] };
    expect(language("${DS_LOKI}", undefined, logql, inputs)).toEqual(["logql", "loki"]);
  });
});
