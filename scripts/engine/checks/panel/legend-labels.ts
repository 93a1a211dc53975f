import { outputLabels } from "../../promql/labels.ts";
import { str } from "../../model/walk.ts";
import { didYouMean } from "../../text/suggest.ts";
import { defineCheck } from "../check.ts";
import { queryFacts } from "../scope.ts";

/** `{{label}}` references of a legend format. */
const legendRefs = (format: string): string[] =>
  [...format.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);

/**
 * A legend `{{pod}}` over `sum by (namespace) (...)` shows an empty name for every series: the
 * label is gone. Known from the aggregations alone, with or without a catalogue.
 */
export const panelLegendLabels = defineCheck({
  id: "panel/legend-labels",
  description:
    "Every {{label}} of a target's legend is a label its query returns (sum by (...) keeps only those it names).",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, ctx) {
    const format = str(query.target?.legendFormat);
    if (!format) return [];
    const top = parsed.tree.topNode.firstChild;
    const labels = top
      ? outputLabels(parsed, top, queryFacts(ctx, query, parsed).labels)
      : undefined;
    if (!labels) return [];
    return [...new Set(legendRefs(format))]
      .filter((l) => !l.startsWith("__") && !labels.has(l))
      .map((l) => ({
        pointer: query.where.pointer?.replace(/\/expr$/, "/legendFormat"),
        message: `The legend uses {{${l}}}, but the query's result has no "${l}" label (it keeps: ${[...labels].sort().join(", ") || "none"}): every series is shown without it. Keep it in the aggregation (by (${[...labels, l].sort().join(", ")})) or drop it from the legend.${didYouMean(l, labels)}`,
      }));
  },
});
