import { promqlUnknownLabel } from "../../../scripts/engine/checks/promql/unknown-label.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlUnknownLabel, [
  {
    name: "metric labels, target labels, le on buckets, quantile on summaries",
    model: panel(
      'sum by (le, handler, job) (rate(latency_seconds_bucket{instance=~"$instance"}[$__rate_interval])) + on (handler) group_left () rpc_seconds{quantile="0.99"} * 0',
    ),
    expect: [],
  },
  {
    name: "misspelt matcher label",
    model: panel('rate(requests_total{hanlder="/"}[$__rate_interval])'),
    expect: [
      {
        message:
          /Label "hanlder" does not exist on "requests_total" \(it has: code, handler, instance, job, namespace, pod\)\. Did you mean "handler"\?/,
      },
    ],
  },
  {
    name: "an empty-equality matcher asserts absence and is fine",
    model: panel('queue_depth{tier=""}'),
    expect: [],
  },
  {
    name: "grouping by a label the aggregated series lost",
    model: panel("sum by (code) (sum by (handler) (rate(requests_total[$__rate_interval])))"),
    expect: [{ message: 'Label "code" does not exist on the aggregated series (it has: handler)' }],
  },
  {
    name: "le on a gauge",
    model: panel("sum by (le) (queue_depth)"),
    expect: [{ message: 'Label "le" does not exist on the aggregated series' }],
  },
  {
    name: "on() label missing from both sides",
    model: panel("queue_depth / on (handler) memory_bytes"),
    expect: [{ message: 'Label "handler" does not exist on either side of the operation' }],
  },
]);
