import { dashboardLayout } from "../../../scripts/engine/checks/dashboard/layout.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

type GridPanel = { title?: string; gridPos?: { x: number; y: number; w: number; h: number } };

/** The fixture dashboard with two panels, the second one moved by `edit`. */
function withSecondPanel(edit: (p: GridPanel) => void) {
  const model = fixtureModel({
    panels: [panelSpec(["up"]), { ...panelSpec(["up"]), title: "Second" }],
  });
  const panels = model.dashboards[0]!.dashboard.panels as GridPanel[];
  edit(panels.find((p) => p.title === "Second")!);
  return model;
}

checkTable(dashboardLayout, [
  { name: "the project's own dashboardLayout", model: withSecondPanel(() => {}), expect: [] },
  {
    name: "past the right edge",
    model: withSecondPanel((p) => (p.gridPos = { x: 16, y: 1, w: 12, h: 8 })),
    expect: [
      {
        where: { panel: { title: "Second" }, pointer: "/panels/2/gridPos" },
        message: "leaves the 24-column grid",
      },
    ],
  },
  {
    name: "left of the grid (negative x)",
    model: withSecondPanel((p) => (p.gridPos = { x: -1, y: 100, w: 12, h: 8 })),
    expect: [{ where: { pointer: "/panels/2/gridPos" }, message: "Panel at x=-1, y=100" }],
  },
  {
    name: "above the grid (negative y)",
    model: withSecondPanel((p) => (p.gridPos = { x: 12, y: -8, w: 12, h: 8 })),
    expect: [{ where: { pointer: "/panels/2/gridPos" }, message: "Panel at x=12, y=-8" }],
  },
  {
    name: "overlapping its neighbour",
    model: withSecondPanel((p) => (p.gridPos = { x: 6, y: 1, w: 12, h: 8 })),
    expect: [{ message: 'Panel overlaps "Fixture panel" (/panels/1)' }],
  },
  {
    name: "no gridPos",
    model: withSecondPanel((p) => delete p.gridPos),
    expect: [{ message: "Panel has no complete gridPos" }],
  },
]);
