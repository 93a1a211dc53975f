import { alertsQuantileBucketBound } from "../../../scripts/engine/checks/alerts/quantile-bucket-bound.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

// latency_seconds buckets: 0.1, 0.5, 1 (+Inf).
const p95 = "histogram_quantile(0.95, sum by (le, job) (rate(latency_seconds_bucket[5m])))";
const alert = (expr: string) => fixtureModel({ rules: [fixtureAlert(expr)] });

checkTable(alertsQuantileBucketBound, [
  { name: "a threshold on a bucket bound", model: alert(`${p95} > 0.5`), expect: [] },
  { name: "on the top bound", model: alert(`${p95} >= 1`), expect: [] },
  {
    name: "above the top bound is alerts/histogram-threshold's to report",
    model: alert(`${p95} > 2`),
    expect: [],
  },
  {
    name: "a share above a bound, no quantile at all",
    model: alert(
      '1 - sum(rate(latency_seconds_bucket{le="0.5"}[5m])) / sum(rate(latency_seconds_count[5m])) > 0.05',
    ),
    expect: [],
  },
  {
    name: "dashboards only draw the line",
    model: fixtureModel({ panels: [panelSpec([`${p95} > 0.7`])] }),
    expect: [],
  },
  {
    name: "between two bounds",
    model: alert(`${p95} > 0.7`),
    expect: [
      {
        where: { alert: "FixtureAlert", group: "fixture" },
        message:
          '0.7 is no bucket bound of "latency_seconds": it lies between the bounds 0.5 and 1, where histogram_quantile() only interpolates, so the alert fires on a guess. Compare with 0.5 or 1, or alert on the share of observations above a bound: 1 - rate(latency_seconds_bucket{le="1"}[5m]) / rate(latency_seconds_count[5m])',
      },
    ],
  },
  {
    name: "under the lowest bound: interpolated from 0",
    model: alert(`${p95} > 0.05`),
    expect: [{ message: "between the bounds 0 and 0.1" }],
  },
  {
    name: "threshold on the left, inside an and, through max by ()",
    model: alert(`(0.7 < max by (job) (${p95})) and on (job) queue_depth > 0`),
    expect: [{ message: "between the bounds 0.5 and 1" }],
  },
  {
    name: "through a recording rule",
    model: fixtureModel({
      rules: [
        { kind: "record", record: "job:latency_seconds:p95", expr: p95 },
        fixtureAlert("job:latency_seconds:p95 > 0.3"),
      ],
    }),
    expect: [{ message: '0.3 is no bucket bound of "latency_seconds"' }],
  },
]);
