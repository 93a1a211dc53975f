import { outputLabels } from "../../promql/labels.ts";
import { vectorSelectors } from "../../promql/selectors.ts";
import { defineCheck } from "../check.ts";
import { queryFacts } from "../scope.ts";
import { typeAgnostic } from "../series-type.ts";

export const promqlSummaryQuantile = defineCheck({
  id: "promql/summary-quantile",
  description:
    "A summary's precomputed quantiles are never aggregated across series or instances (the average of p99s is not a p99).",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, ctx) {
    const facts = queryFacts(ctx, query, parsed);
    return vectorSelectors(parsed).flatMap((s) => {
      if (!s.metric || facts.type(s)?.type !== "summary-quantile") return [];
      const agg = s.enclosing.find((e) => e.kind === "aggregation");
      if (!agg || typeAgnostic.has(agg.name)) return [];
      // Grouping that keeps every label of the series merges nothing: `max by (instance,
      // quantile, ...)` only drops target labels that instance already implies.
      const kept = outputLabels(parsed, agg.node, facts.labels);
      const own = [...facts.labels(s.metric, s.node)!].filter(
        (l) => !["job", "namespace", "pod"].includes(l),
      );
      if (kept && own.every((l) => kept.has(l))) return [];
      return [
        {
          offset: s.offset,
          message: `"${s.metric}" is a summary: its quantiles cannot be aggregated with ${agg.name}(). Show them per instance, or use ${s.metric}_sum / ${s.metric}_count for an average.`,
        },
      ];
    });
  },
});
