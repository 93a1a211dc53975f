import { defineCheck, type Problem } from "../check.ts";
import { comparisons } from "../../promql/comparisons.ts";
import { quantileOf } from "../quantile-of.ts";

/**
 * Between two bucket bounds histogram_quantile() interpolates linearly: it assumes the
 * observations of the bucket spread evenly across it. A threshold there is compared with that
 * guess, so whether the alert fires depends on where inside the bucket the real latencies lie
 * (a real p95 of 1.1 s can read 2.1 s, one of 2.4 s 1.3 s). On a bound it is exact.
 */
export const alertsQuantileBucketBound = defineCheck({
  id: "alerts/quantile-bucket-bound",
  description:
    "An alert comparing histogram_quantile() with a threshold that is a bucket bound of the histogram: between two bounds the quantile is an interpolation, not a measurement.",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, { index }) {
    if (query.rule?.kind !== "alert") return [];
    const problems: Problem[] = [];
    for (const { expr, constant, value } of comparisons(parsed)) {
      const histogram = quantileOf(parsed, expr, index);
      const buckets = histogram?.buckets;
      if (!histogram || !buckets || buckets.length === 0 || value === undefined) continue;
      // Above the top bound the quantile cannot be read at all: alerts/histogram-threshold's.
      if (buckets.includes(value) || value > buckets[buckets.length - 1]!) continue;
      const upper = buckets.find((b) => b > value)!;
      const lower = [...buckets].reverse().find((b) => b < value) ?? 0;
      problems.push({
        offset: parsed.toOriginal(constant.from),
        message: `${value} is no bucket bound of "${histogram.name}": it lies between the bounds ${lower} and ${upper}, where histogram_quantile() only interpolates, so the alert fires on a guess. Compare with ${lower === 0 ? upper : `${lower} or ${upper}`}, or alert on the share of observations above a bound: 1 - rate(${histogram.name}_bucket{le="${upper}"}[5m]) / rate(${histogram.name}_count[5m]) (mind how the exporter prints le).`,
      });
    }
    return problems;
  },
});
