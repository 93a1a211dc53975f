import { promqlSyntax } from "../../../scripts/engine/checks/promql/syntax.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const panel = (expr: string) => fixtureModel({ panels: [panelSpec([expr])] });

checkTable(promqlSyntax, [
  {
    name: "valid query with Grafana variables",
    model: panel(
      'sum by (handler) (rate(requests_total{job="$job", instance=~"${instance:regex}"}[$__rate_interval]))',
    ),
    expect: [],
  },
  {
    name: "unclosed parenthesis, reported at the end with the count",
    model: panel("sum(rate(requests_total[$__rate_interval])"),
    expect: [
      {
        where: { dashboard: "fixture", refId: "A", panel: { title: "Fixture panel" } },
        message: /column 43: unexpected end of query: 1 unclosed "\("/,
      },
    ],
  },
  {
    name: "position maps back past a substituted variable",
    model: panel('rate(requests_total{job="$job"}[$__rate_interval]) +* 2'),
    expect: [{ message: /column 53: unexpected "\*"[\s\S]*\n {52}\^/ }],
  },
  {
    name: "rule expression",
    model: fixtureModel({ rules: [fixtureAlert("queue_depth >")] }),
    expect: [
      {
        where: { file: "alerts/fixture.ts", alert: "FixtureAlert", pointer: "/expr" },
        message: "unexpected end of query",
      },
    ],
  },
  {
    // lezer reads on past it and trips over every argument: those are not findings.
    name: "an unknown function (MetricsQL's), reported once",
    model: panel("1 - histogram_share(0.2, sum by (vmrange) (rate(requests_bucket[5m])))"),
    expect: [{ message: /column 20: unknown function "histogram_share"/ }],
  },
  {
    name: "the first of two errors in one query, as Prometheus reports it",
    model: panel("rate(a[5m]) +* rate(b[5m]))"),
    expect: [{ message: /column 14: unexpected "\*"/ }],
  },
  { name: "empty query", model: panel("  "), expect: [{ message: "empty query" }] },
  {
    name: "a Go escape Prometheus rejects (the grammar accepts it)",
    model: panel('up{handler!~"/metrics\\.txt"}'),
    expect: [
      { message: /column 22: invalid escape \\\. in a string: .* backslash doubled \(\\\\\.\)/ },
    ],
  },
  {
    name: "escapes Go accepts, and raw strings",
    model: panel('up{a="x\\\\.y\\n", b=`a\\.b`}'),
    expect: [],
  },
]);
