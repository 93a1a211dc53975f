import { alertmanagerRouting } from "../../../scripts/engine/checks/alertmanager/routing.ts";
import type { Model } from "../../../scripts/engine/model/index.ts";
import type { Alerting } from "../../../scripts/engine/model/platform.ts";
import type { Rule } from "../../../scripts/engine/model/rules.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureAlert, fixtureModel } from "../../helpers/fixture-model.ts";

const owned = (component: string, name = "FixtureAlert"): Rule => {
  const rule = fixtureAlert('up{job="api-gateway"} == 0', name) as Extract<Rule, { kind: "alert" }>;
  return { ...rule, labels: { ...rule.labels, component } };
};

/** The fixture model with its routing changed. */
function routed(
  edit: (a: Alerting) => Partial<Alerting>,
  rules: Rule[] = [owned("api-gateway")],
): Model {
  const model = fixtureModel({ rules });
  const alerting = model.platform.alerting;
  return {
    ...model,
    platform: { ...model.platform, alerting: { ...alerting, ...edit(alerting) } },
  };
}
const componentDown = () => ({ componentDown: [] });

checkTable(alertmanagerRouting, [
  {
    name: "an alert of a team's component; a templated component over the jobs it selects",
    model: routed(componentDown, [
      owned("api-gateway"),
      owned("{{ $labels.job }}", "PerJob"),
      { ...owned("{{ $labels.job }}", "Jobs"), expr: 'up{job=~"ml-worker|ml-service"} == 0' },
    ]),
    expect: [],
  },
  {
    name: "an alert of a component no team owns, and one with no component",
    model: routed(componentDown, [owned("batch"), fixtureAlert("up == 0", "NoComponent")]),
    expect: [
      {
        where: { file: "alerts/fixture.ts", alert: "FixtureAlert", pointer: "/labels/component" },
        message:
          'Alert "FixtureAlert" has component "batch", which no team of platform.alerting owns',
      },
      { where: { alert: "NoComponent" }, message: 'Alert "NoComponent" has no component label' },
    ],
  },
  {
    name: "a job in no team, a job in two, a team component that is no job, a missing fallback",
    model: routed((a) => ({
      ...componentDown(),
      fallbackTeam: "platform",
      teams: {
        serving: { ...a.teams.serving!, components: ["ml-worker", "ml-service", "ml-servic"] },
        api: { ...a.teams.api!, components: ["api-gateway", "api-service", "ml-worker"] },
      },
    })),
    expect: [
      {
        where: { file: "config/platform.ts" },
        message:
          'Team "serving" owns "ml-servic", which is no job of platform.components. Did you mean "ml-service"?',
      },
      { message: 'Job "ml-worker" is a component of teams serving and api' },
      { message: 'Job "dcgm-exporter" is a component of no team' },
      {
        message:
          'platform.alerting.fallbackTeam is "platform", which is no team (teams: serving, api).',
      },
    ],
  },
  {
    name: "a componentDown alert that does not exist",
    model: routed(() => ({ componentDown: ["JobDwn"] }), [owned("api-gateway", "JobDown")]),
    expect: [{ message: 'platform.alerting.componentDown names "JobDwn", which is no alert' }],
  },
]);
