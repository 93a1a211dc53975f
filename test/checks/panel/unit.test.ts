import { panelUnit } from "../../../scripts/engine/checks/panel/unit.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const withoutUnit = () => {
  const model = fixtureModel({ panels: [panelSpec(["up"])] });
  const panel = model.dashboards[0]!.dashboard.panels![1] as {
    fieldConfig: { defaults: { unit?: string } };
  };
  delete panel.fieldConfig.defaults.unit;
  return model;
};

checkTable(panelUnit, [
  {
    name: "units set; logs panels need none",
    model: fixtureModel({ panels: [panelSpec(["up"])] }),
    expect: [],
  },
  {
    name: "a time series without unit",
    model: withoutUnit(),
    expect: [
      { where: { pointer: "/panels/1/fieldConfig/defaults/unit" }, message: "Panel has no unit" },
    ],
  },
]);
