import { alertsDurations } from "../../../scripts/engine/checks/alerts/durations.ts";
import type { Duration, Rule } from "../../../scripts/engine/model/rules.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel } from "../../helpers/fixture-model.ts";

const alertFor = (d: string, keep?: string): Rule => ({
  ...(fixtureAlert("up == 0") as Extract<Rule, { kind: "alert" }>),
  for: d as Duration,
  ...(keep !== undefined ? { keepFiringFor: keep as Duration } : {}),
});
const withInterval = (interval: string, rules: Rule[]) => {
  const model = fixtureModel({ rules });
  model.ruleGroups[0]!.group.interval = interval as Duration;
  return model;
};

checkTable(alertsDurations, [
  {
    name: "durations as Prometheus writes them",
    model: withInterval("30s", [alertFor("5m", "1h30m"), alertFor("0s"), alertFor("1d12h")]),
    expect: [],
  },
  {
    name: "a for in words, a fraction, a unit out of order, a bad interval",
    model: withInterval("1 minute", [alertFor("5 minutes"), alertFor("1.5m", "30m1h")]),
    expect: [
      {
        where: { alert: "FixtureAlert", pointer: "/for" },
        message: 'for: "5 minutes" is not a Prometheus duration',
      },
      { where: { group: "fixture", pointer: "/interval" }, message: 'interval: "1 minute"' },
      { where: { pointer: "/for" }, message: '"1.5m"' },
      { where: { pointer: "/keep_firing_for" }, message: '"30m1h"' },
    ],
  },
]);
