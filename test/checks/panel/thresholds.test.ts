import { panelThresholds } from "../../../scripts/engine/checks/panel/thresholds.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const withThresholds = (warn: number, critical: number) =>
  fixtureModel({ panels: [{ ...panelSpec(["up"]), thresholds: { warn, critical } }] });

/** A panel whose steps are exactly `steps`, as a dashboard exported from Grafana has them. */
const withSteps = (steps: unknown[]) => {
  const model = fixtureModel({ panels: [panelSpec(["up"])] });
  const panel = model.dashboards[0]!.dashboard.panels![1] as { fieldConfig?: unknown };
  panel.fieldConfig = { defaults: { thresholds: { mode: "absolute", steps } }, overrides: [] };
  return model;
};

checkTable(panelThresholds, [
  { name: "a base step and two finite ones", model: withThresholds(0.5, 1), expect: [] },
  {
    name: "a base step with no value key, as Grafana exports it",
    model: withSteps([{ color: "green" }, { color: "red", value: 80 }]),
    expect: [],
  },
  {
    name: "a later step with no value",
    model: withSteps([{ color: "green", value: null }, { color: "red" }]),
    expect: [{ message: "Threshold step 2 has the value null" }],
  },
  {
    name: "NaN and Infinity, as a NaN threshold in config/platform.ts makes them",
    model: withThresholds(NaN, Infinity),
    expect: [
      {
        where: { pointer: "/panels/1/fieldConfig/defaults/thresholds/steps/1/value" },
        message: "Threshold step 2 has the value null",
      },
      { message: "Threshold step 3 has the value null" },
    ],
  },
]);
