import { defineCheck, type Problem } from "../check.ts";
import { comparisons } from "../../promql/comparisons.ts";
import { quantileOf } from "../quantile-of.ts";

/**
 * histogram_quantile() cannot return more than the largest finite bucket bound: when the
 * quantile falls in the +Inf bucket it returns that bound. `> bound` can therefore never fire.
 */
export const alertsHistogramThreshold = defineCheck({
  id: "alerts/histogram-threshold",
  description:
    "An alert comparing histogram_quantile() with a threshold the histogram can report: never `> top bucket` or `>= above it` (the +Inf bucket reads as the top finite bound).",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, { index }) {
    if (query.rule?.kind !== "alert") return [];
    const problems: Problem[] = [];
    for (const { op, expr, constant, value } of comparisons(parsed)) {
      const histogram = quantileOf(parsed, expr, index);
      const buckets = histogram?.buckets;
      if (!buckets || buckets.length === 0 || value === undefined) continue;
      const top = buckets[buckets.length - 1]!;
      if ((op === ">" && value >= top) || (op === ">=" && value > top)) {
        problems.push({
          offset: parsed.toOriginal(constant.from),
          message: `This can never fire: the largest finite bucket of "${histogram!.name}" is ${top}, and histogram_quantile() returns ${top} when the quantile lies above it (+Inf). Compare with ">= ${top}" (the quantile is at or beyond the top bucket), pick a threshold below ${top}, or add larger buckets.`,
        });
      }
    }
    return problems;
  },
});
