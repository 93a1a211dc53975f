import { promqlPrometheusVersion } from "../../../scripts/engine/checks/promql/prometheus-version.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const rule = (expr: string) => fixtureModel({ rules: [fixtureAlert(expr)] });
const on = (prometheusVersion: string) => ({ prometheusVersion, scrapeInterval: "30s" });

checkTable(promqlPrometheusVersion, [
  {
    name: "functions every Prometheus 2 has",
    model: rule("absent(up) or sum by (job) (rate(requests_total[5m])) > 1"),
    settings: on("2.42"),
    expect: [],
  },
  {
    name: "a function newer than the target",
    model: rule('sort_by_label(up, "job") > 0'),
    settings: on("2.42"),
    expect: [{ message: "sort_by_label() came with Prometheus 2.49, but the files run on 2.42" }],
  },
  {
    name: "an aggregation newer than the target",
    model: fixtureModel({ panels: [panelSpec(["limitk(2, up)"])] }),
    settings: on("2.53"),
    expect: [{ message: "The limitk aggregation came with Prometheus 2.54" }],
  },
  {
    name: "experimental on a release that has it (no version: the newest)",
    model: rule("mad_over_time(queue_depth[10m]) > 1"),
    expect: [
      {
        severity: "warning",
        message:
          "mad_over_time() is experimental: Prometheus runs it only with --enable-feature=promql-experimental-functions",
      },
    ],
  },
  {
    name: "experimental until it became stable",
    model: rule("first_over_time(queue_depth[10m]) > 1"),
    settings: on("3.8"),
    expect: [{ severity: "warning", message: "first_over_time() is experimental" }],
  },
  {
    name: "stable since",
    model: rule("first_over_time(queue_depth[10m]) > 1"),
    settings: on("3.14"),
    expect: [],
  },
]);
