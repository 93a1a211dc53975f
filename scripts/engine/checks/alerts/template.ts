import type { Finding } from "../../findings.ts";
import { excerpt, position } from "../../text/excerpt.ts";
import { analyzeTemplate } from "../../gotemplate/template.ts";
import type { Check } from "../check.ts";
import { ruleWhere } from "../../model/where.ts";

/**
 * Prometheus expands an alert's labels and annotations as Go templates each time the alert
 * fires; a template that does not parse or run turns into an error string in the page instead
 * of the summary. Checked here, before anyone is paged.
 */
export const template: Check = {
  id: "alerts/template",
  description:
    "Alert label and annotation values parse as Go templates the way Prometheus runs them: balanced {{ }} and {{end}}, known functions (Go's and Prometheus' humanize, printf, query, ...), defined variables ($labels, $value, $externalLabels, $externalURL).",
  run({ model }) {
    const findings: Finding[] = [];
    for (const g of model.ruleGroups) {
      for (const rule of g.group.rules) {
        if (rule.kind !== "alert") continue;
        for (const field of ["labels", "annotations"] as const) {
          for (const [key, text] of Object.entries(rule[field] ?? {})) {
            if (typeof text !== "string") continue;
            for (const p of analyzeTemplate(text).problems) {
              findings.push({
                rule: this.id,
                severity: p.severity,
                where: { ...ruleWhere(g, rule.alert), pointer: `/${field}/${key}` },
                message: `${field === "labels" ? "Label" : "Annotation"} "${key}", ${position(text, p.offset)}: ${p.message}\n${excerpt(text, p.offset)}`,
              });
            }
          }
        }
      }
    }
    return findings;
  },
};
