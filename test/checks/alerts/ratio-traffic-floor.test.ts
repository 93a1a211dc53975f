import { alertsRatioTrafficFloor } from "../../../scripts/engine/checks/alerts/ratio-traffic-floor.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const errors = 'sum by (job) (rate(requests_total{code="500"}[5m]))';
const requests = "sum by (job) (rate(requests_total[5m]))";
const ratio = `${errors} / ${requests}`;
const alert = (expr: string) => fixtureModel({ rules: [fixtureAlert(expr)] });
/** Two SLOs recording one name (sloth's style), told apart by their `slo` label. */
const sharedName = (alertExpr: string, ...more: string[]) =>
  fixtureModel({
    rules: [
      { kind: "record", record: "slo:sli_error:ratio_rate5m", expr: ratio, labels: { slo: "a" } },
      {
        kind: "record",
        record: "slo:sli_error:ratio_rate5m",
        expr: 'sum by (job) (rate(consumed_total{topic="dead"}[5m])) / sum by (job) (rate(consumed_total[5m]))',
        labels: { slo: "b" },
      },
      fixtureAlert(alertExpr),
      ...more.map((expr, i) => fixtureAlert(expr, `FixtureAlert${i + 2}`)),
    ],
  });

checkTable(alertsRatioTrafficFloor, [
  {
    name: "a floor on the denominator",
    model: alert(`${ratio} > 0.05 and ${requests} > 1`),
    expect: [],
  },
  {
    name: "a floor on the numerator (at least so many failures per second)",
    model: alert(`${ratio} > 0.05 and ${errors} > 0.1`),
    expect: [],
  },
  {
    name: "floors in each branch of an or",
    model: alert(`(${ratio} > 0.05 and ${requests} > 1) or (${ratio} >= 1 and ${requests} > 0.01)`),
    expect: [],
  },
  {
    name: "a ratio of gauges is no traffic",
    model: alert("max(memory_bytes) / max(memory_bytes offset 1h) > 2"),
    expect: [],
  },
  {
    name: "a recorded ratio with a floor",
    model: fixtureModel({
      rules: [
        { kind: "record", record: "job:errors:ratio_rate5m", expr: ratio },
        fixtureAlert(`job:errors:ratio_rate5m > 14.4 * 0.001 and ${requests} > 0.5`),
      ],
    }),
    expect: [],
  },
  {
    name: "dashboards are not alerts",
    model: fixtureModel({ panels: [panelSpec([ratio])] }),
    expect: [],
  },
  {
    name: "no floor",
    model: alert(`${ratio} > 0.05`),
    expect: [
      {
        where: { alert: "FixtureAlert", group: "fixture" },
        message:
          "This ratio has no traffic floor: with little traffic (its denominator reads requests_total) one failure in three requests is 33%, and it pages at night for nothing. Add `and <its denominator> > <minimum per second>`",
      },
    ],
  },
  {
    name: "a floor of 0 is no floor",
    model: alert(`${ratio} > 0.05 and ${requests} > 0`),
    expect: [{ message: "no traffic floor" }],
  },
  {
    name: "a floor on other traffic",
    model: alert(`${ratio} > 0.05 and sum by (job) (rate(consumed_total[5m])) > 1`),
    expect: [{ message: "no traffic floor" }],
  },
  {
    name: "the floor in the other branch of an or does not count",
    model: alert(`${ratio} > 0.05 or ${requests} > 1`),
    expect: [{ message: "no traffic floor" }],
  },
  {
    name: "a share above a bucket bound, 1 - ratio",
    model: alert(
      '1 - sum(rate(latency_seconds_bucket{le="0.5"}[5m])) / sum(rate(latency_seconds_count[5m])) > 0.05',
    ),
    expect: [{ message: "its denominator reads latency_seconds_count" }],
  },
  {
    name: "a recorded ratio without a floor",
    model: fixtureModel({
      rules: [
        { kind: "record", record: "job:errors:ratio_rate5m", expr: ratio },
        fixtureAlert("job:errors:ratio_rate5m > 14.4 * 0.001"),
      ],
    }),
    expect: [{ message: "its denominator reads requests_total" }],
  },
  {
    name: "a recorded name shared by SLOs: the floor of the SLO the selector reads",
    model: sharedName(`slo:sli_error:ratio_rate5m{slo="a"} > 0.0144 and on (job) ${requests} > 1`),
    expect: [],
  },
  {
    name: "a recorded name shared by SLOs: another SLO's floor is none",
    model: sharedName(`slo:sli_error:ratio_rate5m{slo="b"} > 0.0144 and on (job) ${requests} > 1`),
    expect: [{ message: "its denominator reads consumed_total" }],
  },
  {
    name: "a recorded name shared by SLOs, read by both in one run: each its own",
    model: sharedName(
      `slo:sli_error:ratio_rate5m{slo="a"} > 0.0144 and on (job) ${requests} > 1`,
      `slo:sli_error:ratio_rate5m{slo="b"} > 0.0144 and on (job) ${requests} > 1`,
    ),
    expect: [
      { where: { alert: "FixtureAlert2" }, message: "its denominator reads consumed_total" },
    ],
  },
]);
