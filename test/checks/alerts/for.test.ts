import { alertsFor } from "../../../scripts/engine/checks/alerts/for.ts";
import type { AlertingRule } from "../../../scripts/engine/model/rules.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { alertModel as alert } from "../../helpers/fixture-model.ts";

checkTable(alertsFor, [
  { name: "an alert with for", model: alert(() => {}), expect: [] },
  {
    name: "no for",
    model: alert((a) => delete (a as Partial<AlertingRule>).for),
    expect: [{ where: { alert: "FixtureAlert", group: "fixture" }, message: 'No "for"' }],
  },
]);
