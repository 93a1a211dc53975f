import { describe, expect, it } from "vitest";
import { modelChecks } from "../../../scripts/engine/checks/index.ts";
import { runChecks } from "../../../scripts/engine/checks/check.ts";
import { foldCascades } from "../../../scripts/engine/findings.ts";
import { parseCatalogueFile } from "../../../scripts/engine/sources/catalogue.ts";
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
          'Unknown metric "job:requests:rate5m": it is in no catalogue file (config/metrics/) and no recording rule records it.',
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

describe("a broken catalogue entry", () => {
  it("is the one finding for every query of its metric: N findings follow from it", () => {
    const parsed = parseCatalogueFile(
      "config/metrics/typo.yaml",
      "component: x\ndescription: d\njobs: [api-gateway]\nmetrics:\n  - name: tokens_total\n    type: countr\n    unit: tokens\n    help: h\n",
    );
    const model = fixtureModel({
      panels: [
        panelSpec(["sum(rate(tokens_total[$__rate_interval]))", "tokens_total"]),
        { ...panelSpec(["rate(tokens_total[$__rate_interval])"]), title: "Second" },
      ],
      rules: [fixtureAlert("rate(tokens_total[5m]) > 1")],
    });
    model.catalogue = { ...model.catalogue, broken: parsed.broken };
    const findings = foldCascades(runChecks(modelChecks, model));
    const about = findings.filter(
      (f) => f.rule === "catalogue/cascade" || f.message.includes("tokens_total"),
    );
    expect(about).toEqual([
      {
        rule: "catalogue/cascade",
        severity: "error",
        where: { file: "config/metrics/typo.yaml", line: 5 },
        message:
          "4 finding(s) (promql/unknown-metric) in alerts/fixture.ts, dashboards/fixture.ts follow from the catalogue error at config/metrics/typo.yaml:5: fix it first; they are not shown one by one.",
      },
    ]);
  });
});
