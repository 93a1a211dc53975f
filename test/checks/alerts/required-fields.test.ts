import { alertsRequiredFields } from "../../../scripts/engine/checks/alerts/required-fields.ts";
import type { AlertingRule } from "../../../scripts/engine/model/rules.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { alertModel as alert } from "../../helpers/fixture-model.ts";

checkTable(alertsRequiredFields, [
  { name: "complete alert", model: alert(() => {}), expect: [] },
  {
    name: "no for: alerts/for's concern",
    model: alert((a) => delete (a as Partial<AlertingRule>).for),
    expect: [],
  },
  {
    name: "severity outside the set",
    model: alert((a) => (a.labels.severity = "page" as never)),
    expect: [{ message: 'Label severity is "page": use one of critical, warning, info.' }],
  },
  {
    name: "missing annotations, all reported",
    model: alert((a) => (a.annotations = { summary: "s" } as never)),
    expect: [
      { message: 'Annotation "description" is missing' },
      { message: 'Annotation "runbook_url" is missing' },
    ],
  },
]);
