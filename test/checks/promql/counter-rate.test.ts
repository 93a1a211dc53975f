import { promqlCounterRate } from "../../../scripts/engine/checks/promql/counter-rate.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlCounterRate, [
  {
    name: "rate, increase and resets",
    model: panel(
      "rate(requests_total[$__rate_interval]) + increase(latency_seconds_count[$__rate_interval]) + resets(requests_total[1h])",
    ),
    expect: [],
  },
  {
    name: "counting series is type-agnostic",
    model: panel("count(requests_total) + absent(requests_total)"),
    expect: [],
  },
  {
    name: "label_replace and last_over_time pass the raw value on",
    model: panel(
      'sum(label_replace(requests_total, "h", "$1", "handler", "(.*)")) + last_over_time(requests_total[5m])',
    ),
    expect: [{ message: "used through sum(...)" }, { message: "used through the + operator" }],
  },
  {
    name: "a bare counter",
    model: panel("requests_total"),
    expect: [{ message: '"requests_total" is a counter, used through its raw value' }],
  },
  {
    name: "a summed counter",
    model: panel("sum(requests_total)"),
    expect: [{ message: "used through sum(...)" }],
  },
  {
    name: "deriv on a counter",
    model: panel("deriv(requests_total[5m])"),
    expect: [{ message: "deriv is for gauges" }],
  },
  {
    name: "buckets without rate",
    model: panel("histogram_quantile(0.9, sum by (le) (latency_seconds_bucket))"),
    expect: [{ message: '"latency_seconds_bucket" is a counter' }],
  },
]);
