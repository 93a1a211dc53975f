import type { RuleGroupSource } from "../../model/rules.ts";
import { ruleWhere } from "../../model/where.ts";
import { alertsPath } from "../../outputs.ts";
import { defineCheck, type Problem } from "../check.ts";

/**
 * Which rule file a group ends up in. A given rule file is its own; our alerts/*.ts groups are
 * all rendered into one file, so their names must be unique across all of them.
 */
const ruleFileOf = (g: RuleGroupSource): { key: string; where: string } =>
  g.file.endsWith(".ts")
    ? { key: "\u0000sources", where: `, and both end up in ${alertsPath}` }
    : { key: g.file, where: " of the same file" };

/**
 * Alertmanager groups, routes, inhibits and silences by alertname: two alerts with one name in
 * a group or a file cannot be told apart there, and one usually shadows a copy-paste mistake.
 */
export const alertsUniqueNames = defineCheck({
  id: "alerts/unique-names",
  description: "Alert names are unique within each rule group and each rule file.",
  severity: "error",
  scope: "model",
  check(_subject, { model }) {
    const problems: Problem[] = [];
    const firstInFile = new Map<string, RuleGroupSource>();
    for (const g of model.ruleGroups) {
      const inGroup = new Set<string>();
      for (const rule of g.group.rules) {
        if (rule.kind !== "alert") continue;
        const where = ruleWhere(g, rule.alert);
        const key = `${ruleFileOf(g).key}\u0000${rule.alert}`;
        const first = firstInFile.get(key);
        if (inGroup.has(rule.alert)) {
          problems.push({
            where,
            message: `Alert "${rule.alert}" is defined more than once in group "${g.group.name}": rename one, or merge them into one rule.`,
          });
        } else if (first) {
          problems.push({
            where,
            message: `Alert "${rule.alert}" is also defined in group "${first.group.name}"${first.file === g.file ? "" : ` (${first.file})`}${ruleFileOf(g).where}: rename one.`,
          });
        } else firstInFile.set(key, g);
        inGroup.add(rule.alert);
      }
    }
    return problems;
  },
});
