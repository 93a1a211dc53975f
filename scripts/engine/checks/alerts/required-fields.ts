import type { Finding } from "../../findings.ts";
import { severities } from "../../model/rules.ts";
import type { Check } from "../check.ts";
import { ruleWhere } from "../../model/where.ts";

const requiredAnnotations = ["summary", "description", "runbook_url"] as const;

/** What on-call needs from every alert: how long before it fires, how bad, what, and what to do. */
export const requiredFields: Check = {
  id: "alerts/required-fields",
  description: `Every alert has \`for\`, a severity label in (${severities.join(", ")}) and ${requiredAnnotations.join(", ")} annotations.`,
  run({ model }) {
    const findings: Finding[] = [];
    for (const g of model.ruleGroups) {
      for (const rule of g.group.rules) {
        if (rule.kind !== "alert") continue;
        const problem = (message: string) =>
          findings.push({
            rule: this.id,
            severity: "error",
            where: ruleWhere(g, rule.alert),
            message,
          });
        if (!rule.for) problem('No "for": add one so a single bad scrape cannot page anyone.');
        const severity = rule.labels?.severity;
        if (!(severities as readonly string[]).includes(severity ?? "")) {
          problem(
            `Label severity is ${severity === undefined ? "missing" : `"${severity}"`}: use one of ${severities.join(", ")}.`,
          );
        }
        for (const key of requiredAnnotations) {
          if (!rule.annotations?.[key]?.trim()) problem(`Annotation "${key}" is missing: add it.`);
        }
      }
    }
    return findings;
  },
};
