import { alertsTemplateLabels } from "../../../scripts/engine/checks/alerts/template-labels.ts";
import type { AlertingRule } from "../../../scripts/engine/model/rules.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel } from "../../helpers/fixture-model.ts";

/** A model whose one alert (a Prometheus one, or with `log` a Loki one) has this summary. */
const alert = (expr: string, summary: string, log = false) => {
  const a = fixtureAlert(expr) as AlertingRule;
  a.annotations.summary = summary;
  return fixtureModel(log ? { logRules: [a] } : { rules: [a] });
};

checkTable(alertsTemplateLabels, [
  {
    name: "labels kept by by()",
    model: alert(
      "sum by (job, handler) (rate(requests_total[5m])) > 1",
      "{{ $labels.handler }} on {{ $labels.job }}",
    ),
    expect: [],
  },
  {
    name: "labels of an unaggregated selector",
    model: alert("queue_depth > 10", "{{ $labels.queue }} on {{ $labels.instance }}"),
    expect: [],
  },
  {
    name: "a scalar function on the left keeps the vector's labels",
    model: alert("time() - max by (job) (memory_bytes) > 300", "{{ $labels.job }} restarted"),
    expect: [],
  },
  {
    name: "label dropped by the aggregation",
    model: alert(
      "sum by (job) (rate(requests_total[5m])) > 1",
      "handler {{ $labels.handler }} is slow",
    ),
    expect: [
      {
        where: { alert: "FixtureAlert" },
        message:
          '"summary" uses $labels.handler, but the expression\'s result has no "handler" label (it keeps: job)',
      },
    ],
  },
  {
    name: "label dropped by the aggregation, read by a label's template",
    model: (() => {
      const a = fixtureAlert("sum by (job) (rate(requests_total[5m])) > 1") as AlertingRule;
      a.labels = { ...a.labels, handler: "{{ $labels.handler }}" };
      return fixtureModel({ rules: [a] });
    })(),
    expect: [
      {
        where: { alert: "FixtureAlert" },
        message:
          '"handler" uses $labels.handler, but the expression\'s result has no "handler" label',
      },
    ],
  },
  {
    name: "on() keeps only the matching labels",
    model: alert(
      "sum by (job, code) (rate(requests_total[5m])) / on (job) group_left sum by (job) (rate(requests_total[5m])) > 0.1 and on (job) queue_depth > 0",
      "{{ $labels.code }}",
    ),
    expect: [],
  },
  {
    name: "index form and one-to-one on()",
    model: alert(
      "sum by (job, code) (rate(requests_total[5m])) / on (job) sum by (job) (rate(requests_total[5m])) > 0.1",
      '{{ index $labels "code" }}',
    ),
    expect: [
      {
        message:
          'uses $labels.code, but the expression\'s result has no "code" label (it keeps: job)',
      },
    ],
  },
]);

checkTable(alertsTemplateLabels, [
  {
    name: "a Loki alert's label kept by sum by (job)",
    model: alert(
      'sum by (job) (count_over_time({job="x"} |= "boom" [5m])) > 0',
      "{{ $labels.job }}",
      true,
    ),
    expect: [],
  },
  {
    name: "a Loki alert without aggregation: its labels are the streams', unknown here",
    model: alert('rate({job="x"}[5m]) > 1', "{{ $labels.pod }}", true),
    expect: [],
  },
  {
    name: "a Loki alert's label dropped by sum",
    model: alert(
      'sum(count_over_time({job="x"} |= "boom" [5m])) > 0',
      "{{ $labels.job }} failed",
      true,
    ),
    expect: [
      {
        where: { file: "alerts/loki/fixture.ts", alert: "FixtureAlert", pointer: "/expr" },
        message:
          '"summary" uses $labels.job, but the expression\'s result has no "job" label (it keeps: none)',
      },
    ],
  },
]);
