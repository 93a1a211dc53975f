import { promqlUnknownMetric } from "../../../scripts/engine/checks/promql/unknown-metric.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlUnknownMetric, [
  {
    name: "catalogue names and derived series",
    model: panel(
      "rate(latency_seconds_bucket[$__rate_interval]) + rate(latency_seconds_count[5m]) + requests_created + rpc_seconds_sum",
    ),
    expect: [],
  },
  {
    name: "a misspelt metric gets a suggestion",
    model: panel("sum(rate(request_total[$__rate_interval]))"),
    expect: [{ where: { refId: "A" }, message: 'Did you mean "requests_total"?' }],
  },
  {
    name: "suffix that does not exist for the type (gauge has no _bucket)",
    model: panel("queue_depth_bucket"),
    expect: [{ message: /Unknown metric "queue_depth_bucket"/ }],
  },
  {
    name: "a recording rule counts as known, for dashboards and rules alike",
    model: fixtureModel({
      panels: [panelSpec(["job:requests:rate5m"])],
      rules: [
        {
          kind: "record",
          record: "job:requests:rate5m",
          expr: "sum by (job) (rate(requests_total[5m]))",
        },
        fixtureAlert("job:requests:rate5m > 1"),
      ],
    }),
    expect: [],
  },
  {
    name: "a dashboard using a recording rule nobody defines",
    model: panel("job:requests:rate5m"),
    expect: [
      {
        message:
          'Unknown metric "job:requests:rate5m": it is not in config/metrics/ nor recorded by a rule in alerts/.',
      },
    ],
  },
  {
    name: "names listed in a __name__ regex",
    model: panel('{__name__=~"requests_total|queue_depht"}'),
    expect: [{ message: 'Unknown metric "queue_depht"' }],
  },
  {
    name: "Prometheus' own ALERTS series",
    model: panel('ALERTS{alertstate="firing"}'),
    expect: [],
  },
]);
