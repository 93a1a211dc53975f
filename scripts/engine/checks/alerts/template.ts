import { analyzeTemplate } from "../../gotemplate/parser.ts";
import { position } from "../../text/excerpt.ts";
import { defineCheck, type Problem } from "../check.ts";

/**
 * Prometheus expands an alert's labels and annotations as Go templates each time the alert
 * fires; a template that does not parse or run turns into an error string in the page instead
 * of the summary. Checked here, before anyone is paged.
 */
export const alertsTemplate = defineCheck({
  id: "alerts/template",
  description:
    "Alert label and annotation values parse as Go templates the way Prometheus runs them: balanced {{ }} and {{end}}, known functions (Go's and Prometheus' humanize, printf, query, ...), defined variables ($labels, $value, $externalLabels, $externalURL).",
  severity: "error",
  scope: "alert",
  check({ rule }) {
    return (["labels", "annotations"] as const).flatMap((field) =>
      Object.entries(rule[field] ?? {}).flatMap(([key, text]): Problem[] =>
        typeof text !== "string"
          ? []
          : analyzeTemplate(text).problems.map((p) => ({
              severity: p.severity,
              pointer: `/${field}/${key}`,
              offset: p.offset,
              text,
              message: `${field === "labels" ? "Label" : "Annotation"} "${key}", ${position(text, p.offset)}: ${p.message}`,
            })),
      ),
    );
  },
});
