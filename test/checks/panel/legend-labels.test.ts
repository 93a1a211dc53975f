import { panelLegendLabels } from "../../../scripts/engine/checks/panel/legend-labels.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel } from "../../helpers/fixture-model.ts";

const legend = (expr: string, legend: string) =>
  fixtureModel({
    panels: [
      {
        kind: "timeseries",
        title: "Fixture panel",
        description: "A panel under test.",
        unit: "reqps",
        queries: [{ expr, legend }],
      },
    ],
  });

checkTable(panelLegendLabels, [
  {
    name: "labels the aggregation keeps, and any label of an unknown series",
    model: legend(
      'sum by (code) (rate(requests_total[5m])) or unknown_metric{a="b"}',
      "{{code}} {{ job }}",
    ),
    expect: [],
  },
  {
    name: "a label the aggregation drops",
    model: legend("sum by (handler) (rate(requests_total[5m]))", "{{handler}} {{ code }}"),
    expect: [
      {
        where: { pointer: "/panels/1/targets/0/legendFormat", refId: "A" },
        message:
          'The legend uses {{code}}, but the query\'s result has no "code" label (it keeps: handler)',
      },
    ],
  },
  {
    name: "without a catalogue too: sum() keeps nothing",
    model: legend("sum(rate(some_exporter_total[5m]))", "{{instance}}"),
    expect: [{ message: "(it keeps: none)" }],
  },
]);
