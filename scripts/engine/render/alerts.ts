import type { Model } from "../model/index.ts";
import type { Rule, RuleGroup, RuleGroupSource } from "../model/rules.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { alertsPath, stackRulesPath } from "../outputs.ts";

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

/** The platform's rule groups; the stack's own (RuleGroup.stack) go to stackRulesPath. */
export const platformGroups = (model: Model): RuleGroupSource[] =>
  model.ruleGroups.filter((s) => !s.group.stack);
const stackGroups = (model: Model): RuleGroupSource[] =>
  model.ruleGroups.filter((s) => s.group.stack);

const document = (groups: RuleGroupSource[]): string =>
  generatedMarker("alerts/*.ts") + toYaml({ groups: groups.map((s) => groupToYaml(s.group)) });

/** alerts.yml: every rule group of the platform. */
export const alertsDocument = (model: Model): string => document(platformGroups(model));

export function renderAlerts(model: Model): Rendered {
  return rendered([
    [alertsPath, alertsDocument(model)],
    [stackRulesPath, document(stackGroups(model))],
  ]);
}
