import { alertsUniqueNames } from "../../../scripts/engine/checks/alerts/unique-names.ts";
import type { Model } from "../../../scripts/engine/model/index.ts";
import type { RuleGroupSource } from "../../../scripts/engine/model/rules.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel } from "../../helpers/fixture-model.ts";

const group = (file: string, name: string, alerts: string[]): RuleGroupSource => ({
  file,
  group: { name, rules: alerts.map((a) => fixtureAlert("up == 0", a)) },
});

const withGroups = (...groups: RuleGroupSource[]): Model => ({
  ...fixtureModel(),
  ruleGroups: groups,
});

checkTable(alertsUniqueNames, [
  {
    name: "distinct names; the same name in two given rule files",
    model: withGroups(
      group("alerts/a.ts", "a", ["TargetDown", "JobDown"]),
      group("team/one.yml", "one", ["TargetDown"]),
      group("team/two.yml", "two", ["TargetDown"]),
    ),
    expect: [],
  },
  {
    name: "twice in one group",
    model: withGroups(group("alerts/a.ts", "a", ["TargetDown", "JobDown", "TargetDown"])),
    expect: [
      {
        where: { file: "alerts/a.ts", group: "a", alert: "TargetDown" },
        message:
          'Alert "TargetDown" is defined more than once in group "a": rename one, or merge them into one rule.',
      },
    ],
  },
  {
    name: "in two of our groups: both are rendered into one rule file",
    model: withGroups(
      group("alerts/a.ts", "a", ["TargetDown"]),
      group("alerts/b.ts", "b", ["TargetDown"]),
    ),
    expect: [
      {
        where: { file: "alerts/b.ts", group: "b", alert: "TargetDown" },
        message:
          'Alert "TargetDown" is also defined in group "a" (alerts/a.ts), and both end up in config/prometheus/alerts.yml: rename one.',
      },
    ],
  },
  {
    name: "in two groups of one given file",
    model: withGroups(
      group("team/rules.yml", "x", ["Down"]),
      group("team/rules.yml", "y", ["Down"]),
    ),
    expect: [
      {
        where: { file: "team/rules.yml", group: "y", alert: "Down" },
        message: 'is also defined in group "x" of the same file: rename one.',
      },
    ],
  },
]);
