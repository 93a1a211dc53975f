/** Before/after snapshots for the review tests, built from fixture dashboards and rules. */
import { platform } from "../../config/platform.ts";
import { defineDashboard, type DashboardSpec } from "../../dashboards/lib/dashboard.ts";
import type { PanelSpec } from "../../dashboards/lib/panels.ts";
import type { Metric } from "../../scripts/engine/model/catalogue.ts";
import type { Rule } from "../../scripts/engine/model/rules.ts";
import { snapshotOf, type Snapshot } from "../../scripts/engine/review/snapshot.ts";
import { fixtureModel } from "../helpers/fixture-model.ts";

export const panel = (title: string, expr: string, extra: Partial<PanelSpec> = {}): PanelSpec => ({
  kind: "timeseries",
  title,
  description: `${title}, for the on-call.`,
  unit: "short",
  queries: [{ expr }],
  ...extra,
});

export const dashboard = (slug: string, panels: PanelSpec[], extra: Partial<DashboardSpec> = {}) =>
  defineDashboard({
    slug,
    title: `Fixture ${slug}`,
    description: "Fixture dashboard.",
    tags: [],
    component: platform.components.apiGateway,
    rows: [{ title: "Row", panels }],
    ...extra,
  });

export const alert = (name: string, expr: string, extra: Partial<Rule> = {}): Rule =>
  ({
    kind: "alert",
    alert: name,
    expr,
    for: "5m",
    labels: { severity: "warning" },
    annotations: { summary: `${name} summary`, description: "d", runbook_url: "https://r/#x" },
    ...extra,
  }) as Rule;

export interface Side {
  dashboards?: ReturnType<typeof dashboard>[];
  rules?: Rule[];
  /** Loki ruler rules, in one group. */
  logRules?: Rule[];
  thresholds?: Record<string, unknown>;
  metrics?: Partial<Metric>[];
  outputs?: Record<string, string>;
}

export function snap(side: Side): Snapshot {
  const model = fixtureModel({ rules: side.rules ?? [] });
  model.dashboards = side.dashboards ?? [];
  model.logRuleGroups = side.logRules
    ? [{ file: "alerts/loki/fixture.ts", group: { name: "fixture", rules: side.logRules } }]
    : [];
  if (side.metrics) {
    model.catalogue = {
      files: [],
      metrics: new Map(
        side.metrics.map((m) => [
          m.name!,
          [
            {
              type: "counter",
              unit: "requests",
              help: "h",
              labels: [],
              labelValues: {},
              file: "config/metrics/fixture.yaml",
              line: 1,
              ...m,
            } as Metric,
          ],
        ]),
      ),
    };
  }
  return snapshotOf(model, side.thresholds ?? {}, new Map(Object.entries(side.outputs ?? {})));
}
