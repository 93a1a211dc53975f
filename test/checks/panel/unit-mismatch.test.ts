import { panelUnitMismatch } from "../../../scripts/engine/checks/panel/unit-mismatch.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string, unit: string) => fixtureModel({ panels: [panelSpec([expr], unit)] });
const p95 =
  "histogram_quantile(0.95, sum by (le) (rate(latency_seconds_bucket[$__rate_interval])))";

checkTable(panelUnitMismatch, [
  { name: "seconds histogram in s", model: panel(p95, "s"), expect: [] },
  {
    name: "seconds histogram in ns",
    model: panel(p95, "ns"),
    expect: [
      {
        message:
          'Panel unit is "ns" but the query returns seconds (units from the catalogue): use "s"',
      },
    ],
  },
  {
    name: "ratio of two rates in percentunit",
    model: panel(
      'sum(rate(requests_total{code="500"}[$__rate_interval])) / sum(rate(requests_total[$__rate_interval]))',
      "percentunit",
    ),
    expect: [],
  },
  {
    name: "ratio shown as requests per second",
    model: panel(
      "sum(rate(requests_total[$__rate_interval])) / sum(rate(requests_total[$__rate_interval]))",
      "reqps",
    ),
    expect: [{ message: "returns a ratio (0-1)" }],
  },
  {
    name: "request rate in reqps",
    model: panel("sum(rate(requests_total[$__rate_interval]))", "reqps"),
    expect: [],
  },
  {
    name: "request rate in seconds",
    model: panel("sum(rate(requests_total[$__rate_interval]))", "s"),
    expect: [{ message: "returns requests per second" }],
  },
  {
    name: "average latency from _sum/_count",
    model: panel(
      "sum(rate(latency_seconds_sum[$__rate_interval])) / sum(rate(latency_seconds_count[$__rate_interval]))",
      "ms",
    ),
    expect: [{ message: "returns seconds" }],
  },
  { name: "bytes gauge in bytes", model: panel("max(memory_bytes)", "bytes"), expect: [] },
  {
    name: "bytes gauge in percent",
    model: panel("max(memory_bytes)", "percent"),
    expect: [{ message: 'use "bytes" or "decbytes"' }],
  },
  { name: "unknown shapes are left alone", model: panel("memory_bytes * 8", "bits"), expect: [] },
  {
    name: "two different counted things: a quantity of its own",
    model: panel("sum(rate(requests_total[$__rate_interval])) / sum(queue_depth)", "short"),
    expect: [],
  },
  {
    name: "a backlog over its consumption rate lasts seconds",
    model: panel(
      "sum(max by (partition) (group_lag)) / sum(rate(consumed_total[$__rate_interval]))",
      "s",
    ),
    expect: [],
  },
  {
    name: "a backlog over its consumption rate is no ratio",
    model: panel(
      "sum(max by (partition) (group_lag)) / sum(rate(consumed_total[$__rate_interval]))",
      "percentunit",
    ),
    expect: [{ message: 'returns seconds (units from the catalogue): use "s"' }],
  },
  {
    name: "a bool comparison is 0 or 1",
    model: panel("max(memory_bytes) > bool 1000", "none"),
    expect: [],
  },
]);
