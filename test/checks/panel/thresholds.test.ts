import { panelThresholds } from "../../../scripts/engine/checks/panel/thresholds.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const withThresholds = (warn: number, critical: number) =>
  fixtureModel({ panels: [{ ...panelSpec(["up"]), thresholds: { warn, critical } }] });

checkTable(panelThresholds, [
  { name: "a base step and two finite ones", model: withThresholds(0.5, 1), expect: [] },
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
