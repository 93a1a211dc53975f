import { promqlSummaryQuantile } from "../../../scripts/engine/checks/promql/summary-quantile.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlSummaryQuantile, [
  {
    name: "per-series quantiles and sum/count averages",
    model: panel(
      'rpc_seconds{quantile="0.99"} + sum(rate(rpc_seconds_sum[5m])) / sum(rate(rpc_seconds_count[5m]))',
    ),
    expect: [],
  },
  {
    name: "grouping that merges nothing",
    model: panel("max by (instance, method, quantile) (rpc_seconds)"),
    expect: [],
  },
  {
    name: "counting the quantile series (count reads no value)",
    model: panel('count by (method) (rpc_seconds{quantile="0.99"})'),
    expect: [],
  },
  {
    name: "grouping them (group reads no value)",
    model: panel("group by (method) (rpc_seconds)"),
    expect: [],
  },
  {
    name: "max across instances",
    model: panel("max by (method, quantile) (rpc_seconds)"),
    expect: [{ message: "cannot be aggregated with max()" }],
  },
  {
    name: "averaging quantiles",
    model: panel('avg(rpc_seconds{quantile="0.99"})'),
    expect: [{ message: "its quantiles cannot be aggregated with avg()" }],
  },
]);
