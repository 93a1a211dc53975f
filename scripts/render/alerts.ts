import type { Model } from "../model.ts";
import type { Rule, RuleGroup } from "../rules/model.ts";
import { generatedMarker, toYaml } from "./yaml.ts";

export const alertsPath = "config/prometheus/alerts.yml";

const sorted = (record: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** One rule in Prometheus' field order: name, expr, for, labels, annotations. */
function ruleToYaml(rule: Rule): Record<string, unknown> {
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

export const groupToYaml = (g: RuleGroup): Record<string, unknown> => ({
  name: g.name,
  ...(g.interval ? { interval: g.interval } : {}),
  rules: g.rules.map(ruleToYaml),
});

/** The Prometheus rule file body (`groups:`), without the marker: shared with the manifests. */
export const rulesDocument = (model: Model): string =>
  toYaml({ groups: model.ruleGroups.map((s) => groupToYaml(s.group)) });

export function renderAlerts(model: Model): Map<string, string> {
  return new Map([[alertsPath, generatedMarker("alerts/*.ts") + rulesDocument(model)]]);
}
