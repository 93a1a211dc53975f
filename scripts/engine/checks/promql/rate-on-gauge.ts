import { vectorSelectors } from "../../promql/selectors.ts";
import type { Check } from "../check.ts";
import { seriesIndex } from "../known-series.ts";
import { queryFindings } from "../promql-findings.ts";
import { consumerOf, counterFunctions, seriesType } from "../series-type.ts";

export const rateOnGauge: Check = {
  id: "promql/rate-on-gauge",
  description:
    "rate/irate/increase/resets are never applied to gauges or summary quantiles (they treat every decrease as a counter reset).",
  run({ model }) {
    const index = seriesIndex(model);
    return queryFindings(model, this.id, "error", (_q, parsed) =>
      vectorSelectors(parsed).flatMap((s) => {
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
      }),
    );
  },
};
