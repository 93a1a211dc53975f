import { alertsTemplate } from "../../../scripts/engine/checks/alerts/template.ts";
import type { AlertingRule } from "../../../scripts/engine/model/rules.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel } from "../../helpers/fixture-model.ts";

const alert = (edit: (a: AlertingRule) => void) => {
  const a = fixtureAlert("up == 0") as AlertingRule;
  edit(a);
  return fixtureModel({ rules: [a] });
};

const where = (pointer: string) => ({ group: "fixture", alert: "FixtureAlert", pointer });

checkTable(alertsTemplate, [
  {
    name: "labels and annotations Prometheus can expand",
    model: alert((a) => {
      a.labels.component = "{{ $labels.job }}";
      a.annotations.summary = "{{ $labels.instance }} is down";
      a.annotations.description =
        '{{ with query "up == 0" }}{{ . | first | value | humanize }}{{ end }} targets down for {{ "300" | humanizeDuration }}.';
    }),
    expect: [],
  },
  {
    name: "an unclosed action in an annotation",
    model: alert((a) => (a.annotations.summary = "{{ $labels.instance is down")),
    expect: [
      {
        where: where("/annotations/summary"),
        message:
          'Annotation "summary", column 1: Unclosed action: "{{" has no matching "}}".\n{{ $labels.instance is down\n^',
      },
    ],
  },
  {
    name: "an unknown function, with a suggestion and a caret",
    model: alert((a) => (a.annotations.description = "down for {{ $value | humanizeDurations }}")),
    expect: [
      {
        where: where("/annotations/description"),
        message:
          'Annotation "description", column 22: Function "humanizeDurations" not defined. Did you mean "humanizeDuration"?\ndown for {{ $value | humanizeDurations }}\n                     ^',
      },
    ],
  },
  {
    name: "an {{if}} without {{end}} in a label",
    model: alert((a) => (a.labels.team = '{{ if eq $labels.job "api" }}api{{ else }}platform')),
    expect: [
      {
        where: where("/labels/team"),
        message: 'Label "team", column 1: {{if}} is never closed: add {{end}}.',
      },
    ],
  },
  {
    name: "an undefined variable",
    model: alert((a) => (a.annotations.summary = "{{ $label.job }} is down")),
    expect: [{ message: 'Undefined variable "$label". Did you mean "$labels"?' }],
  },
]);
