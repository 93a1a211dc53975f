import { describe, expect, it } from "vitest";
import {
  minSchemaVersion,
  schemaDashboard,
} from "../../../scripts/engine/checks/schema/dashboard.ts";
import type { Model } from "../../../scripts/engine/model/index.ts";
import { checkTable } from "../../helpers/check-table.ts";
import { findingsOf, fixtureModel, panelSpec } from "../../helpers/fixture-model.ts";

type Json = Record<string, any>;

/** A dashboard with a time series (/panels/1), a stat (/panels/2) and a logs panel (/panels/3). */
const withDashboard = (edit: (d: Json) => void): Model => {
  const model = fixtureModel({
    panels: [
      panelSpec(["up"]),
      { kind: "stat", title: "Stat", description: "A stat.", unit: "s", queries: [{ expr: "up" }] },
      { kind: "logs", title: "Lines", description: "Logs.", queries: [{ expr: '{app="x"}' }] },
    ],
  });
  edit(model.dashboards[0]!.dashboard as Json);
  return model;
};

const fixturePanel = { title: "Fixture panel", id: expect.any(Number) };

checkTable(schemaDashboard, [
  { name: "a dashboard built with the SDK", model: withDashboard(() => {}), expect: [] },
  {
    name: "an unknown dashboard property, with the allowed ones",
    model: withDashboard((d) => (d.refreshInterval = "30s")),
    expect: [
      {
        where: { file: "dashboards/fixture.ts", dashboard: "fixture", pointer: "/refreshInterval" },
        message:
          /^dashboard: unknown property "refreshInterval": allowed are annotations, .*, refresh, .*weekStart\.$/,
      },
    ],
  },
  {
    name: "a misspelt panel option, with a suggestion",
    model: withDashboard((d) => {
      d.panels[1].options.legnd = d.panels[1].options.legend;
      delete d.panels[1].options.legend;
    }),
    expect: [
      {
        where: { panel: fixturePanel, pointer: "/panels/1/options/legend" },
        message: 'timeseries options: required property "legend" is missing.',
      },
      {
        where: { panel: fixturePanel, pointer: "/panels/1/options/legnd" },
        message:
          'timeseries options: unknown property "legnd": allowed are legend, orientation, timezone, tooltip. Did you mean "legend"?',
      },
    ],
  },
  {
    name: "a stat option outside its enum",
    model: withDashboard((d) => (d.panels[2].options.graphMode = "areas")),
    expect: [
      {
        where: { panel: { title: "Stat" }, pointer: "/panels/2/options/graphMode" },
        message:
          'stat options: "areas" is not allowed: expected one of "none", "line", "area". Did you mean "area"?',
      },
    ],
  },
  {
    name: "a logs option of the wrong type",
    model: withDashboard((d) => (d.panels[3].options.showTime = "yes")),
    expect: [
      {
        where: { panel: { title: "Lines" }, pointer: "/panels/3/options/showTime" },
        message: 'logs options: expected boolean, got string "yes".',
      },
    ],
  },
  {
    name: "a custom field config of the wrong type",
    model: withDashboard((d) => (d.panels[1].fieldConfig.defaults.custom.lineWidth = "2")),
    expect: [
      {
        where: { pointer: "/panels/1/fieldConfig/defaults/custom/lineWidth" },
        message: 'timeseries fieldConfig.defaults.custom: expected number, got string "2".',
      },
    ],
  },
  {
    name: "a Prometheus target with a misspelt field",
    model: withDashboard((d) => (d.panels[1].targets[0].legendFromat = "{{job}}")),
    expect: [
      {
        where: { panel: fixturePanel, refId: "A", pointer: "/panels/1/targets/0/legendFromat" },
        message:
          /^prometheus target: unknown property "legendFromat": allowed are .*\. Did you mean "legendFormat"\?$/,
      },
    ],
  },
  {
    name: "a Loki target with a wrong direction",
    model: withDashboard((d) => (d.panels[3].targets[0].direction = "up")),
    expect: [
      {
        where: { refId: "A", pointer: "/panels/3/targets/0/direction" },
        message: 'loki target: "up" is not allowed: expected one of "forward", "backward", "scan".',
      },
    ],
  },
  {
    name: "a row without its required fields (rows dispatch on type)",
    model: withDashboard((d) => delete d.panels[0].collapsed),
    expect: [
      {
        where: { panel: { title: "Row" }, pointer: "/panels/0/collapsed" },
        message: 'dashboard: required property "collapsed" is missing.',
      },
    ],
  },
  {
    name: "a value mapping of an unknown type",
    model: withDashboard((d) => (d.panels[1].fieldConfig.defaults.mappings = [{ type: "exact" }])),
    expect: [
      {
        where: { pointer: "/panels/1/fieldConfig/defaults/mappings/0/type" },
        message:
          'dashboard: "exact" is not allowed: expected one of "value", "range", "regex", "special".',
      },
    ],
  },
  {
    name: "a variable option of neither string nor list",
    model: withDashboard((d) => (d.templating.list[0].current = { text: 1, value: "p" })),
    expect: [
      {
        where: { pointer: "/templating/list/0/current/text" },
        message: "dashboard: expected string or array of string, got number 1.",
      },
    ],
  },
  {
    name: "a panel type without a schema: only the dashboard model applies",
    model: withDashboard((d) => {
      d.panels[1].type = "gauge";
      d.panels[1].options = { anything: true };
    }),
    expect: [],
  },
]);

/** A dashboard read from another team's file, the way `npm run check` reads one. */
const foreign = (edit: (d: Json) => void): Model => {
  const model = withDashboard(edit);
  model.dashboards[0] = { ...model.dashboards[0]!, fromFile: true };
  return model;
};

/** The stat panel made a table with this footer. */
const asTable = (p: Json, footer: Json) => Object.assign(p, { type: "table", options: { footer } });

// Another team's file under the community profile: what Grafana itself writes and reads passes.
checkTable(schemaDashboard, [
  {
    name: "a footer's fields as Grafana 9 exported them (an empty string)",
    model: foreign((d) => asTable(d.panels[2], { show: false, reducer: ["sum"], fields: "" })),
    settings: { profile: "community" },
    expect: [],
  },
  {
    name: "a list given as a string that is not empty",
    model: foreign((d) => asTable(d.panels[2], { show: false, reducer: ["sum"], fields: "x" })),
    settings: { profile: "community" },
    expect: [{ severity: "error", message: "expected array of string" }],
  },
  {
    name: "null where one of a few names is expected",
    model: foreign((d) => (d.panels[1].fieldConfig.defaults.custom = { axisColorMode: null })),
    settings: { profile: "community" },
    expect: [],
  },
  {
    name: "a name that is not one of them",
    model: foreign(
      (d) => (d.panels[1].fieldConfig.defaults.custom = { axisColorMode: "thresholds" }),
    ),
    settings: { profile: "community" },
    expect: [{ severity: "error", message: 'expected one of "text", "series"' }],
  },
  {
    name: "null where an object is expected",
    model: foreign((d) => (d.panels[2].options.reduceOptions = null)),
    settings: { profile: "community" },
    expect: [],
  },
]);

describe("schema/dashboard warnings", () => {
  it(`reports a schemaVersion below ${minSchemaVersion} once, instead of validating it`, () => {
    const model = withDashboard((d) => {
      d.schemaVersion = 14;
      d.rows = [{ panels: [] }];
    });
    expect(findingsOf(schemaDashboard, model)).toEqual([
      {
        rule: "schema/dashboard",
        severity: "warning",
        where: { file: "dashboards/fixture.ts", dashboard: "fixture", pointer: "/schemaVersion" },
        message: expect.stringContaining("schemaVersion 14 predates the dashboard model"),
      },
    ]);
  });

  it("reports a legacy graph panel once, and skips its properties", () => {
    const model = withDashboard((d) => {
      d.panels[1].type = "graph";
      d.panels[1].yaxes = [{ format: "s" }];
      d.panels[1].lines = true;
    });
    expect(findingsOf(schemaDashboard, model)).toEqual([
      {
        rule: "schema/dashboard",
        severity: "warning",
        where: expect.objectContaining({ pointer: "/panels/1", panel: fixturePanel }),
        message: expect.stringContaining(
          'Legacy panel type "graph": Grafana replaces it with "timeseries"',
        ),
      },
    ]);
  });

  it("never throws on JSON that is not a dashboard at all", () => {
    const model = withDashboard(() => {});
    model.dashboards[0] = { ...model.dashboards[0]!, dashboard: ["not", "an", "object"] as never };
    expect(findingsOf(schemaDashboard, model)).toEqual([
      expect.objectContaining({ message: "The dashboard is not a JSON object." }),
    ]);
  });
});
