import { alertsHistogramThreshold } from "../../../scripts/engine/checks/alerts/histogram-threshold.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel } from "../../helpers/fixture-model.ts";

// latency_seconds buckets: 0.1, 0.5, 1 (+Inf).
const p95 = "histogram_quantile(0.95, sum by (le, job) (rate(latency_seconds_bucket[5m])))";
const alert = (expr: string) => fixtureModel({ rules: [fixtureAlert(expr)] });

checkTable(alertsHistogramThreshold, [
  { name: ">= the top bucket can fire", model: alert(`${p95} >= 1`), expect: [] },
  { name: "> below the top bucket can fire", model: alert(`${p95} > 0.5`), expect: [] },
  {
    name: "> the top bucket never fires",
    model: alert(`${p95} > 1`),
    expect: [
      {
        where: { alert: "FixtureAlert", group: "fixture" },
        message: 'This can never fire: the largest finite bucket of "latency_seconds" is 1',
      },
    ],
  },
  {
    name: ">= above the top bucket never fires",
    model: alert(`${p95} >= 2`),
    expect: [{ message: 'Compare with ">= 1"' }],
  },
  {
    name: "threshold on the left",
    model: alert(`5 < ${p95}`),
    expect: [{ message: "can never fire" }],
  },
  {
    name: "through max by ()",
    model: alert(`max by (job) (${p95}) > 1`),
    expect: [{ message: "can never fire" }],
  },
  {
    name: "through topk (its vector is the last argument)",
    model: alert(`topk(3, ${p95}) > 1`),
    expect: [{ message: "can never fire" }],
  },
  {
    name: "through quantile (its vector is the last argument)",
    model: alert(`quantile(0.9, ${p95}) > 1`),
    expect: [{ message: "can never fire" }],
  },
  {
    name: "through a recording rule",
    model: fixtureModel({
      rules: [
        { kind: "record", record: "job:latency_seconds:p95", expr: p95 },
        fixtureAlert("job:latency_seconds:p95 > 1"),
      ],
    }),
    expect: [{ message: 'largest finite bucket of "latency_seconds" is 1' }],
  },
  {
    name: "inside a larger expression",
    model: alert(`(${p95} > 1) and on (job) queue_depth > 0`),
    expect: [{ message: "can never fire" }],
  },
]);
