import { promqlFunctionArgs } from "../../../scripts/engine/checks/promql/function-args.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlFunctionArgs, [
  {
    name: "well-typed calls",
    model: panel(
      'histogram_quantile(0.9, sum by (le) (rate(latency_seconds_bucket[$__rate_interval]))) + round(queue_depth) + label_replace(up, "a", "$1", "job", "(.*)") + label_join(up, "dst", ",") + max_over_time(rate(requests_total[5m])[1h:5m])',
    ),
    expect: [],
  },
  {
    name: "rate of an instant vector",
    model: panel("rate(requests_total)"),
    expect: [
      {
        message:
          "rate() argument 1 must be a range vector (e.g. x[$__rate_interval]), not an instant vector.",
      },
    ],
  },
  {
    name: "a range vector where an instant one is needed",
    model: panel("abs(queue_depth[5m])"),
    expect: [{ message: "abs() argument 1 must be an instant vector, not a range vector" }],
  },
  {
    name: "histogram_quantile without its quantile",
    model: panel("histogram_quantile(sum by (le) (rate(latency_seconds_bucket[5m])))"),
    expect: [{ message: "histogram_quantile() takes 2 argument(s), got 1." }],
  },
  {
    name: "a number where a vector is expected",
    model: panel("sort(1)"),
    expect: [{ message: "sort() argument 1 must be an instant vector, not a number" }],
  },
]);
