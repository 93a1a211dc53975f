import { templateLabelRefs } from "../../gotemplate/parser.ts";
import { logqlOutputLabels } from "../../logql/labels.ts";
import { parseLogql } from "../../logql/parse.ts";
import { parsePromql } from "../../promql/parse.ts";
import { outputLabels } from "../../promql/labels.ts";
import { didYouMean } from "../../text/suggest.ts";
import { defineCheck } from "../check.ts";
import { ruleLabels } from "../scope.ts";

/**
 * `{{ $labels.x }}` renders empty when the expression's aggregation dropped `x`: the page then
 * says "tier  is hitting its quota". Every label a template reads must survive the expression,
 * PromQL or (for the Loki ruler's alerts) LogQL.
 */
export const alertsTemplateLabels = defineCheck({
  id: "alerts/template-labels",
  description:
    "Every $labels.x an alert's labels and annotations use survives the expression's aggregations (sum by (...), on (...), ...), in PromQL and in the Loki rules' LogQL.",
  severity: "error",
  scope: "alert",
  check({ group, rule }, { model, index }) {
    let labels: ReadonlySet<string> | undefined;
    if (model.logRuleGroups.includes(group)) {
      const parsed = parseLogql(rule.expr);
      if (parsed.errors.length > 0) return []; // logql/syntax's to report
      labels = logqlOutputLabels(parsed);
    } else {
      const parsed = parsePromql(rule.expr);
      const top = parsed.tree.topNode.firstChild;
      if (parsed.errors.length > 0 || !top) return []; // promql/syntax's to report
      labels = outputLabels(parsed, top, ruleLabels(index, parsed, group.file));
    }
    if (!labels) return [];
    const kept = labels;
    const templates = { ...rule.labels, ...rule.annotations };
    return Object.entries(templates).flatMap(([key, text]) =>
      [...new Set(templateLabelRefs(text))]
        .filter((l) => !kept.has(l))
        .map((l) => ({
          pointer: "/expr",
          message: `"${key}" uses $labels.${l}, but the expression's result has no "${l}" label (it keeps: ${[...kept].sort().join(", ") || "none"}), so it renders empty. Keep it in the aggregation, e.g. sum by (${[...kept, l].sort().join(", ")}), or drop it from the template.${didYouMean(l, kept)}`,
        })),
    );
  },
});
