import { expect } from "vitest";
import { dashboardUndefinedVariable } from "../../../scripts/engine/checks/dashboard/undefined-variable.ts";
import type { Model } from "../../../scripts/engine/model/index.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

type Json = Record<string, any>;

/** The fixture dashboard (variables datasource, loki, job, instance, search) with one panel. */
const withDashboard = (exprs: string[], edit: (d: Json) => void = () => {}): Model => {
  const model = fixtureModel({ panels: [panelSpec(exprs)] });
  edit(model.dashboards[0]!.dashboard as Json);
  return model;
};

const panel = { title: "Fixture panel", id: expect.any(Number) };

checkTable(dashboardUndefinedVariable, [
  {
    name: "dashboard variables and Grafana built-ins",
    model: withDashboard([
      'sum(rate(up{job="$job", instance=~"${instance:regex}"}[$__rate_interval]))',
      "sum_over_time(up[$__range]) * $__interval_ms / [[__range_s]]",
      'label_replace(up, "host", "$1", "instance", "(.*):.*")',
    ]),
    expect: [],
  },
  {
    name: "a misspelt variable in a target, with a suggestion",
    model: withDashboard(['up{job="$jb"}']),
    expect: [
      {
        where: { panel, refId: "A", pointer: "/panels/1/targets/0/expr" },
        message:
          'Variable "$jb" is not defined on this dashboard: add "jb" to templating.list (defined: datasource, loki, job, instance, search), or use a Grafana built-in. Did you mean "job"?',
      },
    ],
  },
  {
    name: "a misspelt built-in, reported once per query",
    model: withDashboard(["rate(up[$__rate_intervall]) + rate(up[$__rate_intervall])"]),
    expect: [{ message: 'Variable "$__rate_intervall" is not defined' }],
  },
  {
    name: "an undefined variable as a datasource uid",
    model: withDashboard(["up"], (d) => (d.panels[1].targets[0].datasource.uid = "${prom}")),
    expect: [
      {
        where: { refId: "A", pointer: "/panels/1/targets/0/datasource/uid" },
        message: 'Variable "${prom}" is not defined on this dashboard',
      },
    ],
  },
  {
    name: "an undefined variable in a variable's query",
    model: withDashboard(["up"], (d) => {
      const instance = d.templating.list.find((v: Json) => v.name === "instance");
      instance.query = 'label_values(up{job="[[service]]"}, instance)';
    }),
    expect: [
      {
        where: { variable: "instance", pointer: "/templating/list/3/query" },
        message: 'Variable "[[service]]" is not defined on this dashboard: add "service"',
      },
    ],
  },
  {
    name: "an export's input placeholder, with what to do instead",
    model: withDashboard(["up"], (d) => {
      d.__inputs = [{ name: "DS_PROMETHEUS", type: "datasource", pluginId: "prometheus" }];
      d.panels[1].datasource = { type: "prometheus", uid: "${DS_PROMETHEUS}" };
    }),
    expect: [
      {
        severity: "warning",
        where: { pointer: "/panels/1/datasource/uid" },
        message:
          '"DS_PROMETHEUS" is an input of an export for sharing: Grafana\'s import UI fills it in, provisioning does not.',
      },
    ],
  },
]);
