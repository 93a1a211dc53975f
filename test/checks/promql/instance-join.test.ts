import { promqlInstanceJoin } from "../../../scripts/engine/checks/promql/instance-join.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

// queue_depth and memory_bytes are per instance; group_lag is the group's (every replica).
const alert = (expr: string) => fixtureModel({ rules: [fixtureAlert(expr)] });

checkTable(promqlInstanceJoin, [
  {
    name: "both sides per instance, matched on instance",
    model: alert(
      "max by (job, instance) (queue_depth) > 10 and on (job, instance) max by (job, instance) (memory_bytes) > 1e9",
    ),
    expect: [],
  },
  {
    name: "matched implicitly on every label, instance included",
    model: alert("queue_depth > 10 and queue_depth < 100"),
    expect: [],
  },
  {
    name: "job totals on both sides (a traffic floor)",
    model: alert(
      'sum by (job) (rate(requests_total{code="500"}[5m])) / sum by (job) (rate(requests_total[5m])) > 0.05 and sum by (job) (rate(requests_total[5m])) > 1',
    ),
    expect: [],
  },
  {
    name: "a per-instance fact and the group's gauge",
    model: alert(
      "sum by (job, instance) (rate(consumed_total[10m])) == 0 and on (job) max by (job) (group_lag) > 100",
    ),
    expect: [],
  },
  {
    name: "one instance's maximum against the job's total",
    model: alert(
      "max by (job) (queue_depth) > 10 and on (job) sum by (job) (rate(requests_total[5m])) > 0",
    ),
    expect: [
      {
        where: { alert: "FixtureAlert" },
        message:
          'This "and" pairs series of different instances: queue_depth and requests_total are per-instance metrics, matched on (job) without instance (left: max picks one instance). Keep instance on both sides (by (..., instance)) and match on it, or compare job totals (sum) on both.',
      },
    ],
  },
  {
    name: "each instance against the job's total",
    model: alert("queue_depth > 10 and on (job) sum by (job) (rate(requests_total[5m])) > 0"),
    expect: [{ message: "(left: per instance)" }],
  },
  {
    name: "unless, in a dashboard",
    model: fixtureModel({
      panels: [
        panelSpec(["max by (job) (queue_depth) unless on (job) max by (job) (memory_bytes)"]),
      ],
    }),
    expect: [{ message: '"unless" pairs series of different instances' }],
  },
]);
