import { panelDescription } from "../../../scripts/engine/checks/panel/description.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

checkTable(panelDescription, [
  {
    name: "title and description",
    model: fixtureModel({ panels: [panelSpec(["up"])] }),
    expect: [],
  },
  {
    name: "no description",
    model: fixtureModel({ panels: [{ ...panelSpec(["up"]), description: "" }] }),
    expect: [{ where: { panel: { title: "Fixture panel" } }, message: "Panel has no description" }],
  },
  {
    name: "no title",
    model: fixtureModel({ panels: [{ ...panelSpec(["up"]), title: " " }] }),
    expect: [{ message: "Panel has no title" }],
  },
]);
