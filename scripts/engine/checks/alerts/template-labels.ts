import { templateLabelRefs } from "../../gotemplate/parser.ts";
import { outputLabels } from "../../promql/labels.ts";
import { didYouMean } from "../../text/suggest.ts";
import { defineCheck } from "../check.ts";

/**
 * `{{ $labels.x }}` renders empty when the expression's aggregation dropped `x`: the page then
 * says "tier  is hitting its quota". Every label a template reads must survive the expression.
 */
export const alertsTemplateLabels = defineCheck({
  id: "alerts/template-labels",
  description:
    "Every $labels.x an alert's labels and annotations use survives the expression's aggregations (sum by (...), on (...), ...).",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, { index }) {
    const alert = query.rule;
    if (alert?.kind !== "alert") return [];
    const top = parsed.tree.topNode.firstChild;
    const labels = top ? outputLabels(parsed, top, index.labels) : undefined;
    if (!labels) return [];
    const templates = { ...alert.labels, ...alert.annotations };
    return Object.entries(templates).flatMap(([key, text]) =>
      [...new Set(templateLabelRefs(text))]
        .filter((l) => !labels.has(l))
        .map((l) => ({
          message: `"${key}" uses $labels.${l}, but the expression's result has no "${l}" label (it keeps: ${[...labels].sort().join(", ") || "none"}), so it renders empty. Keep it in the aggregation, e.g. sum by (${[...labels, l].sort().join(", ")}), or drop it from the template.${didYouMean(l, labels)}`,
        })),
    );
  },
});
