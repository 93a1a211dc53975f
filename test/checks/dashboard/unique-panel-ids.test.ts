import { dashboardUniquePanelIds } from "../../../scripts/engine/checks/dashboard/unique-panel-ids.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

const withIds = (edit: (panels: { id?: number }[]) => void) => {
  const model = fixtureModel({
    panels: [panelSpec(["up"]), { ...panelSpec(["up"]), title: "Other" }],
  });
  edit(model.dashboards[0]!.dashboard.panels as { id?: number }[]);
  return model;
};

checkTable(dashboardUniquePanelIds, [
  { name: "distinct titles give distinct ids", model: withIds(() => {}), expect: [] },
  {
    name: "two panels with one title",
    model: fixtureModel({ panels: [panelSpec(["up"]), panelSpec(["up"])] }),
    expect: [
      {
        where: { pointer: "/panels/2" },
        message: 'is also used by "Fixture panel". Ids derive from titles',
      },
    ],
  },
  {
    name: "a panel with its row's id (rows count too)",
    model: withIds((p) => (p[1]!.id = p[0]!.id)),
    expect: [{ where: { pointer: "/panels/1" }, message: "is also used by" }],
  },
  {
    name: "a panel without id",
    model: withIds((p) => delete p[1]!.id),
    expect: [{ message: "Panel has no numeric id" }],
  },
]);
