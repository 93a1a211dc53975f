import { promqlRateOnGauge } from "../../../scripts/engine/checks/promql/rate-on-gauge.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlRateOnGauge, [
  {
    name: "deriv and avg_over_time on a gauge",
    model: panel("deriv(queue_depth[10m]) + avg_over_time(queue_depth[5m])"),
    expect: [],
  },
  {
    name: "rate on a gauge",
    model: panel("rate(queue_depth[$__rate_interval])"),
    expect: [
      { message: '"queue_depth" is a gauge, but rate() is for counters: use deriv() or delta()' },
    ],
  },
  {
    name: "rate of a relabelled gauge through a subquery",
    model: panel('rate(label_replace(queue_depth, "q", "$1", "queue", "(.*)")[5m:1m])'),
    expect: [{ message: '"queue_depth" is a gauge, but rate()' }],
  },
  {
    name: "increase on a summary quantile",
    model: panel("increase(rpc_seconds[1h])"),
    expect: [{ message: "is a summary quantile, but increase()" }],
  },
]);
