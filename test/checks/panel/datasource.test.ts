import { panelDatasource } from "../../../scripts/engine/checks/panel/datasource.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

type Ds = { datasource?: unknown; targets?: { datasource?: unknown }[] };
const withPanel = (edit: (p: Ds) => void) => {
  const model = fixtureModel({ panels: [panelSpec(["up"])] });
  edit(model.dashboards[0]!.dashboard.panels![1] as Ds);
  return model;
};

checkTable(panelDatasource, [
  { name: "datasource variables", model: withPanel(() => {}), expect: [] },
  {
    name: "a variable in the old [[name]] syntax",
    model: withPanel((p) => (p.datasource = { type: "prometheus", uid: "[[datasource]]" })),
    expect: [],
  },
  {
    name: "a hard-coded uid",
    model: withPanel((p) => (p.datasource = { type: "prometheus", uid: "P1809F7CD0C75ACF3" })),
    expect: [
      {
        where: { pointer: "/panels/1/datasource" },
        message:
          'Datasource "P1809F7CD0C75ACF3" is not a datasource variable of this dashboard: use ${datasource} or ${loki}',
      },
    ],
  },
  {
    name: "an undefined variable",
    model: withPanel((p) => (p.targets![0]!.datasource = { uid: "${prom}" })),
    expect: [
      {
        where: { pointer: "/panels/1/targets/0/datasource" },
        message: '"${prom}" is not a datasource variable',
      },
    ],
  },
  {
    name: "no datasource at all",
    model: withPanel((p) => delete p.datasource),
    expect: [{ message: "Panel has no datasource" }],
  },
]);
