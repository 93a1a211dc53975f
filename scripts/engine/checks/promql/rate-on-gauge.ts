import { vectorSelectors } from "../../promql/selectors.ts";
import { defineCheck } from "../check.ts";
import { queryFacts } from "../scope.ts";
import { consumerOf, counterFunctions, inferredNote } from "../series-type.ts";

/** Functions over native histograms: rate() of a `_seconds` series is right there. */
const nativeHistogram = /^histogram_/;

export const promqlRateOnGauge = defineCheck({
  id: "promql/rate-on-gauge",
  description:
    "rate/irate/increase/resets are never applied to gauges or summary quantiles (they treat every decrease as a counter reset).",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, ctx) {
    const facts = queryFacts(ctx, query, parsed);
    return vectorSelectors(parsed).flatMap((s) => {
      const typed = facts.type(s);
      const consumer = consumerOf(s);
      if ((typed?.type !== "gauge" && typed?.type !== "summary-quantile") || !consumer) return [];
      if (!counterFunctions.has(consumer.name)) return [];
      if (typed.inferredFrom && s.enclosing.some((e) => nativeHistogram.test(e.name))) return [];
      const { note, severity } = inferredNote(typed);
      return [
        {
          offset: s.offset,
          ...(severity ? { severity } : {}),
          message: `"${s.metric}" is a ${typed.type === "gauge" ? "gauge" : "summary quantile"}, but ${consumer.name}() is for counters: use deriv() or delta() for a trend, or avg_over_time()/max_over_time() for a smoothed value.${note}`,
        },
      ];
    });
  },
});
