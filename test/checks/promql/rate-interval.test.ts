import { promqlRateInterval } from "../../../scripts/engine/checks/promql/rate-interval.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlRateInterval, [
  {
    name: "$__rate_interval everywhere",
    model: panel(
      "rate(requests_total[$__rate_interval]) / increase(requests_total[${__rate_interval}])",
    ),
    expect: [],
  },
  {
    name: "rules keep fixed windows",
    model: fixtureModel({ rules: [fixtureAlert("rate(requests_total[5m]) > 1")] }),
    expect: [],
  },
  {
    name: "a fixed window in a panel",
    model: panel("irate(requests_total[1m])"),
    expect: [
      { where: { refId: "A" }, message: "irate() has a fixed window: use [$__rate_interval]" },
    ],
  },
  {
    name: "increase over the time range",
    model: panel("sum(increase(requests_total[$__range]))"),
    expect: [],
  },
  {
    name: "rate over the time range is not a rate",
    model: panel("rate(requests_total[$__range])"),
    expect: [{ message: "rate() has a fixed window" }],
  },
  {
    name: "$__interval is not enough",
    model: panel("rate(requests_total[$__interval])"),
    expect: [{ message: "rate() has a fixed window" }],
  },
]);
