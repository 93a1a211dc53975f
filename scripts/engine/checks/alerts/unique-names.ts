import type { RuleGroupSource } from "../../model/rules.ts";
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
 * Alertmanager groups, routes, inhibits and silences by alertname: two alerts with one name in
 * a group or a file cannot be told apart there, and one usually shadows a copy-paste mistake.
 */
export const alertsUniqueNames = defineCheck({
  id: "alerts/unique-names",
  description:
    "Alert names are unique within each rule group and each rule file, and across the Prometheus and Loki rules of this repository.",
  severity: "error",
  scope: "model",
  check(_subject, { model }) {
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
        const key = `${ruleFileOf(g, log).key}\u0000${rule.alert}`;
        const first = firstInFile.get(key);
        if (inGroup.has(rule.alert)) {
          problems.push({
            where,
            message: `Alert "${rule.alert}" is defined more than once in group "${g.group.name}": rename one, or merge them into one rule.`,
          });
        } else if (first) {
          problems.push({
            where,
            message: `Alert "${rule.alert}" is also defined in group "${first.g.group.name}"${first.g.file === g.file ? "" : ` (${first.g.file})`}${clash(first.g, first.log, g, log)}: rename one.`,
          });
        } else firstInFile.set(key, { g, log });
        inGroup.add(rule.alert);
      }
    }
    return problems;
  },
});
