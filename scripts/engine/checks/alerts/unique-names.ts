import type { AlertingRule, RuleGroupSource } from "../../model/rules.ts";
import { ruleWhere } from "../../model/where.ts";
import { alertsPath, lokiRulesPath } from "../../outputs.ts";
import { defineCheck, type Problem } from "../check.ts";

/**
 * Which rule file a group ends up in. A given rule file is its own; our alerts/*.ts groups are
 * rendered into alerts.yml (Prometheus) or, from alerts/loki/, the Loki ruler's rule file, and
 * Alertmanager gets the alerts of both: their names must be unique across all of them.
 */
const ruleFileOf = (g: RuleGroupSource, log: boolean): { key: string; output?: string } =>
  g.file.endsWith(".ts")
    ? { key: "\u0000sources", output: log ? lokiRulesPath : alertsPath }
    : { key: g.file };

function clash(first: RuleGroupSource, firstLog: boolean, g: RuleGroupSource, log: boolean) {
  const a = ruleFileOf(first, firstLog).output;
  const b = ruleFileOf(g, log).output;
  if (b === undefined) return " of the same file";
  return a === b
    ? `, and both end up in ${b}`
    : ", and Alertmanager, which routes and inhibits by alertname, cannot tell them apart";
}

/**
 * What tells two alerts apart. Alertmanager groups, routes, inhibits and silences by alertname
 * and labels: for anyone's rule file that is the name and the static labels (the burn-rate
 * alerts of a mixin share a name and differ in `long`/`short`). Our house rules give each alert
 * a runbook section by name, so there (our sources, the platform profile) the name alone.
 */
const identity = (
  g: RuleGroupSource,
  rule: AlertingRule,
  byName: boolean,
): { key: string; labels: string } => {
  if (byName || g.file.endsWith(".ts")) return { key: rule.alert, labels: "" };
  const labels = Object.entries(rule.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    key: `${rule.alert}\u0000${JSON.stringify(labels)}`,
    labels:
      labels.length > 0
        ? ` with the same labels (${labels.map(([k, v]) => `${k}=${v}`).join(", ")})`
        : " without labels",
  };
};

/** Two alerts that cannot be told apart are one alert shadowing a copy-paste mistake. */
export const alertsUniqueNames = defineCheck({
  id: "alerts/unique-names",
  description:
    "Alerts are unique within each rule group and rule file, and across the Prometheus and Loki rules of this repository: by name under our house rules (one runbook section each), by name and labels for the community profile (what Alertmanager tells them apart by).",
  severity: "error",
  scope: "model",
  check(_subject, { model, settings }) {
    const byName = settings.profile !== "community";
    const problems: Problem[] = [];
    const firstInFile = new Map<string, { g: RuleGroupSource; log: boolean }>();
    const groups = [
      ...model.ruleGroups.map((g) => ({ g, log: false })),
      ...model.logRuleGroups.map((g) => ({ g, log: true })),
    ];
    for (const { g, log } of groups) {
      const inGroup = new Set<string>();
      for (const rule of g.group.rules) {
        if (rule.kind !== "alert") continue;
        const where = ruleWhere(g, rule.alert);
        const { key: id, labels } = identity(g, rule, byName);
        const key = `${ruleFileOf(g, log).key}\u0000${id}`;
        const first = firstInFile.get(key);
        if (inGroup.has(id)) {
          problems.push({
            where,
            message: `Alert "${rule.alert}"${labels} is defined more than once in group "${g.group.name}": rename one, or merge them into one rule.`,
          });
        } else if (first) {
          problems.push({
            where,
            message: `Alert "${rule.alert}"${labels} is also defined in group "${first.g.group.name}"${first.g.file === g.file ? "" : ` (${first.g.file})`}${clash(first.g, first.log, g, log)}: rename one.`,
          });
        } else firstInFile.set(key, { g, log });
        inGroup.add(id);
      }
    }
    return problems;
  },
});
