import { vectorSelectors } from "../../promql/selectors.ts";
import { defineCheck } from "../check.ts";
import { consumerOf, counterFunctions, seriesType } from "../series-type.ts";

export const promqlRateOnGauge = defineCheck({
  id: "promql/rate-on-gauge",
  description:
    "rate/irate/increase/resets are never applied to gauges or summary quantiles (they treat every decrease as a counter reset).",
  severity: "error",
  scope: "promql",
  check({ parsed }, { index }) {
    return vectorSelectors(parsed).flatMap((s) => {
      const type = s.metric && seriesType(index, s.metric);
      const consumer = consumerOf(s);
      if ((type !== "gauge" && type !== "summary-quantile") || !consumer) return [];
      if (!counterFunctions.has(consumer.name)) return [];
      return [
        {
          offset: s.offset,
          message: `"${s.metric}" is a ${type === "gauge" ? "gauge" : "summary quantile"}, but ${consumer.name}() is for counters: use deriv() or delta() for a trend, or avg_over_time()/max_over_time() for a smoothed value.`,
        },
      ];
    });
  },
});
