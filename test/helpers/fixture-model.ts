import { platform } from "../../config/platform.ts";
import { defineDashboard } from "../../dashboards/lib/dashboard.ts";
import type { PanelSpec } from "../../dashboards/lib/panels.ts";
import { buildCatalogue, parseCatalogueFile } from "../../scripts/engine/sources/catalogue.ts";
import { checkContext, type Check, type CheckSettings } from "../../scripts/engine/checks/check.ts";
import type { Finding } from "../../scripts/engine/findings.ts";
import type { Files, Model } from "../../scripts/engine/model/index.ts";
import type { AlertingRule, Rule } from "../../scripts/engine/model/rules.ts";
import { loadValidators } from "../../scripts/engine/schema/load.ts";
import { loadSources } from "../../scripts/engine/sources/load.ts";
import { repoRoot } from "./repo.ts";

/** Compiled once: every fixture model shares the repository's schemas. */
const validators = loadValidators(repoRoot);

/** A small catalogue with one metric of every kind, for check tests. */
export const fixtureCatalogueYaml = `
component: fixture
description: One metric of each type.
jobs: [api-gateway]
exporter:
  id: benthos
  name: Benthos (a fixture)
  requirements: ["Timers as histograms."]
metrics:
  - name: requests_total
    type: counter
    unit: requests
    help: Requests.
    labels: { code: ["200"], handler: [/] }
  - name: queue_depth
    type: gauge
    unit: messages
    help: Queue depth.
    labels: { queue: [q] }
  - name: latency_seconds
    type: histogram
    unit: seconds
    help: Latency.
    labels: { handler: [/] }
    buckets: [0.1, 0.5, 1]
  - name: rpc_seconds
    type: summary
    unit: seconds
    help: RPC latency quantiles.
    labels: { method: [get] }
  - name: memory_bytes
    type: gauge
    unit: bytes
    help: Memory.
  - name: up
    type: gauge
    unit: none
    help: Target health.
  - name: consumed_total
    type: counter
    unit: messages
    help: Messages consumed.
    labels: { topic: [t] }
  - name: group_lag
    type: gauge
    unit: messages
    help: Consumer-group lag per partition, reported alike by every replica.
    labels: { topic: [t], partition: ["0"] }
    scope: group
`;

export function fixtureCatalogue() {
  const parsed = parseCatalogueFile("config/metrics/fixture.yaml", fixtureCatalogueYaml);
  if (!parsed.value) throw new Error(JSON.stringify(parsed.findings));
  return buildCatalogue([{ ...parsed.value, anyJob: true }]).catalogue;
}

/** A one-panel dashboard: a time series with the given queries and unit. */
export function panelSpec(exprs: string[], unit = "short"): PanelSpec {
  return {
    kind: "timeseries",
    title: "Fixture panel",
    description: "A panel under test.",
    unit,
    queries: exprs.map((expr) => ({ expr })),
  };
}

/**
 * A model with one dashboard of the given panels, one rule group of the given rules and, when
 * given, one Loki rule group of the log rules.
 */
export function fixtureModel(
  opts: { panels?: PanelSpec[]; rules?: Rule[]; logRules?: Rule[] } = {},
): Model {
  const dashboard = defineDashboard({
    slug: "fixture",
    title: "Fixture",
    description: "Fixture dashboard.",
    tags: [],
    component: platform.components.apiGateway,
    rows: [{ title: "Row", panels: opts.panels ?? [] }],
  });
  return {
    platform,
    catalogue: fixtureCatalogue(),
    validators,
    dashboards: [dashboard],
    ruleGroups: [
      { file: "alerts/fixture.ts", group: { name: "fixture", rules: opts.rules ?? [] } },
    ],
    logRuleGroups: opts.logRules
      ? [{ file: "alerts/loki/fixture.ts", group: { name: "fixture-logs", rules: opts.logRules } }]
      : [],
    drills: [],
    slos: [],
  };
}

/** An alerting rule with every required field, for rule checks. */
export function fixtureAlert(expr: string, name = "FixtureAlert"): Rule {
  return {
    kind: "alert",
    alert: name,
    expr,
    for: "5m",
    labels: { severity: "warning" },
    annotations: { summary: "s", description: "d", runbook_url: "https://runbook.example/#x" },
  };
}

/** A model with one complete alert, changed by `edit` (a field removed, a label changed). */
export function alertModel(edit: (a: AlertingRule) => void): Model {
  const a = fixtureAlert("up == 0") as AlertingRule;
  edit(a);
  return fixtureModel({ rules: [a] });
}

/** Run one check and keep only its own findings. */
export const findingsOf = (
  check: Check,
  model: Model,
  files?: Files,
  settings?: CheckSettings,
): Finding[] =>
  check.run(checkContext(model, { files, settings })).filter((f) => f.rule === check.id);

/** The model of this repository's own sources (the build's). */
export async function repoModel(): Promise<Model> {
  const { model, findings } = await loadSources(repoRoot);
  if (!model) throw new Error(`The sources do not load: ${JSON.stringify(findings)}`);
  return model;
}
