import { promqlShortRange } from "../../../scripts/engine/checks/promql/short-range.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const rule = (expr: string) => fixtureModel({ rules: [fixtureAlert(expr)] });
const scrape = (scrapeInterval: string) => ({ scrapeInterval });

checkTable(promqlShortRange, [
  {
    name: "four scrape intervals and more",
    model: rule("rate(requests_total[2m]) > 1 and increase(requests_total[1h]) > 1"),
    settings: scrape("30s"),
    expect: [],
  },
  {
    name: "a rate over two scrape intervals",
    model: rule("sum(rate(requests_total[1m])) > 1"),
    settings: scrape("30s"),
    expect: [
      {
        where: { alert: "FixtureAlert" },
        message:
          "rate() over [1m] sees 2 scrape interval(s) of 30s: one missed scrape leaves it too few samples. Use at least [2m]",
      },
    ],
  },
  {
    name: "a slower scrape interval",
    model: rule("deriv(queue_depth[3m]) > 1"),
    settings: scrape("1m"),
    expect: [{ message: "deriv() over [3m] sees 3 scrape interval(s) of 1m" }],
  },
  {
    name: "nothing said of the scrape interval: nothing to judge by",
    model: rule("rate(requests_total[30s]) > 1"),
    expect: [],
  },
  {
    name: "functions that read any number of samples, subqueries and dashboards are left alone",
    model: fixtureModel({
      rules: [
        fixtureAlert("max_over_time(queue_depth[30s]) > 1 and rate(requests_total[5m:10s]) > 0"),
      ],
      panels: [panelSpec(["rate(requests_total[30s])"])],
    }),
    settings: scrape("30s"),
    expect: [],
  },
]);
