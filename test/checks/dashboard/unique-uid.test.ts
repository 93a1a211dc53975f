import { dashboardUniqueUid } from "../../../scripts/engine/checks/dashboard/unique-uid.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel } from "../../helpers/fixture-model.ts";

const twoDashboards = (edit: (second: { uid?: string; title?: string }) => void) => {
  const model = fixtureModel();
  const copy = structuredClone(model.dashboards[0]!);
  copy.file = "dashboards/copy.ts";
  copy.dashboard.uid = "copy";
  copy.dashboard.title = "Copy";
  edit(copy.dashboard);
  model.dashboards.push(copy);
  return model;
};

checkTable(dashboardUniqueUid, [
  { name: "distinct uids and titles", model: twoDashboards(() => {}), expect: [] },
  {
    name: "duplicate uid",
    model: twoDashboards((d) => (d.uid = "fixture")),
    expect: [
      {
        where: { file: "dashboards/copy.ts", pointer: "/uid" },
        message: 'Dashboard uid "fixture" is already used by dashboards/fixture.ts',
      },
    ],
  },
  {
    name: "duplicate title",
    model: twoDashboards((d) => (d.title = "Fixture")),
    expect: [{ message: 'title "Fixture" is already used' }],
  },
  {
    name: "missing uid",
    model: twoDashboards((d) => delete d.uid),
    expect: [{ message: "Dashboard has no uid" }],
  },
]);
