import { promqlReplicatedGaugeSum } from "../../../scripts/engine/checks/promql/replicated-gauge-sum.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

// group_lag: scope group (every replica reports every partition); queue_depth: per instance.
const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlReplicatedGaugeSum, [
  {
    name: "deduplicated per partition, then summed",
    model: panel("sum(max by (topic, partition) (group_lag))"),
    expect: [],
  },
  { name: "the largest copy", model: panel("max(group_lag)"), expect: [] },
  {
    name: "summed per instance: still one replica's view",
    model: panel("sum by (instance, topic) (group_lag)"),
    expect: [],
  },
  { name: "a per-instance gauge summed", model: panel("sum(queue_depth)"), expect: [] },
  {
    name: "summed over replicas",
    model: fixtureModel({ rules: [fixtureAlert("sum by (job) (group_lag) > 1000")] }),
    expect: [
      {
        where: { alert: "FixtureAlert" },
        message:
          'sum over instances of "group_lag", which every replica reports alike for its whole group (catalogue: scope group): the result counts it once per replica. Deduplicate first, then sum: sum(max by (job, partition, topic) (group_lag{...})).',
      },
    ],
  },
  {
    name: "summed per partition over replicas",
    model: panel("sum by (topic, partition) (group_lag)"),
    expect: [{ message: 'sum over instances of "group_lag"' }],
  },
  {
    name: "averaged over time, then over replicas",
    model: panel("avg without (instance, pod) (avg_over_time(group_lag[5m]))"),
    expect: [{ message: 'avg over instances of "group_lag"' }],
  },
  {
    name: "inside a ratio",
    model: panel("sum(group_lag) / sum(rate(consumed_total[$__rate_interval]))"),
    expect: [{ message: "Deduplicate first" }],
  },
]);
