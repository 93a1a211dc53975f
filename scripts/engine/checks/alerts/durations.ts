import { durationProblem } from "../../promql/duration.ts";
import { defineCheck, type Problem } from "../check.ts";

/** Durations Prometheus would refuse the whole rule file for, at the rule they are in. */
export const alertsDurations = defineCheck({
  id: "alerts/durations",
  description:
    "Every rule's `for` and `keep_firing_for`, and every group's `interval`, is a duration Prometheus parses (30s, 5m, 1h30m).",
  severity: "error",
  scope: "rule",
  check({ group, rule }) {
    const fields: [string, unknown][] =
      rule.kind === "alert"
        ? [
            ["for", rule.for],
            ["keep_firing_for", rule.keepFiringFor],
          ]
        : [];
    // The group's interval, once: at its first rule.
    if (group.group.rules[0] === rule) fields.push(["interval", group.group.interval]);
    return fields.flatMap(([field, value]): Problem[] => {
      if (value === undefined) return [];
      const problem = durationProblem(value);
      if (problem === undefined) return [];
      const where = field === "interval" ? { alert: undefined } : {};
      return [{ message: `${field}: ${problem}.`, pointer: `/${field}`, where }];
    });
  },
});
