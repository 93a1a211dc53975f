import { panelUnit } from "../../../scripts/engine/checks/panel/unit.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

/** The fixture's panel without a unit, and of `type` when given. */
const withoutUnit = (type?: string) => {
  const model = fixtureModel({ panels: [panelSpec(["up"])] });
  const panel = model.dashboards[0]!.dashboard.panels![1] as {
    type: string;
    fieldConfig: { defaults: { unit?: string } };
  };
  delete panel.fieldConfig.defaults.unit;
  if (type) panel.type = type;
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
  {
    name: "a stat panel without unit (a stat shows a number)",
    model: withoutUnit("stat"),
    expect: [
      { where: { pointer: "/panels/1/fieldConfig/defaults/unit" }, message: "Panel has no unit" },
    ],
  },
]);
