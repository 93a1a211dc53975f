import { outputLabels } from "../../promql/labels.ts";
import { templateLabelRefs } from "../../gotemplate/template.ts";
import { didYouMean } from "../../text/suggest.ts";
import type { Check } from "../check.ts";
import { seriesIndex } from "../known-series.ts";
import { alertFindings } from "../promql-findings.ts";

/**
 * `{{ $labels.x }}` renders empty when the expression's aggregation dropped `x`: the page then
 * says "tier  is hitting its quota". Every label a template reads must survive the expression.
 */
export const templateLabels: Check = {
  id: "alerts/template-labels",
  description:
    "Every $labels.x an alert's labels and annotations use survives the expression's aggregations (sum by (...), on (...), ...).",
  run({ model }) {
    const index = seriesIndex(model);
    return alertFindings(model, this.id, (alert, parsed) => {
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
    });
  },
};
