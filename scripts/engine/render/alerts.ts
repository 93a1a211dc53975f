import type { Model } from "../model/index.ts";
import type { Rule, RuleGroup } from "../model/rules.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { alertsPath } from "../outputs.ts";

const sorted = (record: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** A rule as Prometheus' rule file (and the PrometheusRule CRD) spells it. */
export interface RuleYaml {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface GroupYaml {
  name: string;
  interval?: string;
  rules: RuleYaml[];
}

/** One rule in Prometheus' field order: name, expr, for, labels, annotations. */
function ruleToYaml(rule: Rule): RuleYaml {
  if (rule.kind === "record") {
    return {
      record: rule.record,
      expr: rule.expr,
      ...(rule.labels ? { labels: sorted(rule.labels) } : {}),
    };
  }
  return {
    alert: rule.alert,
    expr: rule.expr,
    for: rule.for,
    ...(rule.keepFiringFor ? { keep_firing_for: rule.keepFiringFor } : {}),
    labels: sorted(rule.labels),
    annotations: sorted(rule.annotations),
  };
}

export const groupToYaml = (g: RuleGroup): GroupYaml => ({
  name: g.name,
  ...(g.interval ? { interval: g.interval } : {}),
  rules: g.rules.map(ruleToYaml),
});

/** The Prometheus rule file body (`groups:`), without the marker: shared with the manifests. */
export const rulesDocument = (model: Model): string =>
  toYaml({ groups: model.ruleGroups.map((s) => groupToYaml(s.group)) });

/** alerts.yml: every rule group of the sources. */
export const alertsDocument = (model: Model): string =>
  generatedMarker("alerts/*.ts") + rulesDocument(model);

export function renderAlerts(model: Model): Rendered {
  return rendered([[alertsPath, alertsDocument(model)]]);
}
