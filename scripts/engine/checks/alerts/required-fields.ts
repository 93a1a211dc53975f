import { severities } from "../../model/rules.ts";
import { defineCheck, type Problem } from "../check.ts";

const requiredAnnotations = ["summary", "description", "runbook_url"] as const;

/**
 * What our on-call needs from every alert: how bad, what, and what to do. A house rule (our
 * severity set and runbook): off for other teams' files.
 */
export const alertsRequiredFields = defineCheck({
  id: "alerts/required-fields",
  description: `Every alert has a severity label in (${severities.join(", ")}) and ${requiredAnnotations.join(", ")} annotations.`,
  severity: "error",
  profiles: { community: "off" },
  scope: "alert",
  check({ rule }) {
    const problems: Problem[] = [];
    const severity = rule.labels?.severity;
    if (!(severities as readonly string[]).includes(severity ?? "")) {
      problems.push({
        message: `Label severity is ${severity === undefined ? "missing" : `"${severity}"`}: use one of ${severities.join(", ")}.`,
      });
    }
    for (const key of requiredAnnotations) {
      if (!rule.annotations?.[key]?.trim()) {
        problems.push({ message: `Annotation "${key}" is missing: add it.` });
      }
    }
    return problems;
  },
});
