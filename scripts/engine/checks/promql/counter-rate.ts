import { vectorSelectors } from "../../promql/selectors.ts";
import { defineCheck } from "../check.ts";
import { queryFacts } from "../scope.ts";
import { consumerOf, counterFunctions, inferredNote, typeAgnostic } from "../series-type.ts";

export const promqlCounterRate = defineCheck({
  id: "promql/counter-rate",
  description:
    "Counters (and histogram buckets, _sum, _count) are only used inside rate/irate/increase/resets: their raw value only says how long the process has run.",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, ctx) {
    const facts = queryFacts(ctx, query, parsed);
    return vectorSelectors(parsed).flatMap((s) => {
      const typed = facts.type(s);
      if (typed?.type !== "counter" && typed?.type !== "bucket") return [];
      const consumer = consumerOf(s);
      if (consumer && (counterFunctions.has(consumer.name) || typeAgnostic.has(consumer.name))) {
        return [];
      }
      const how = !consumer
        ? "its raw value"
        : consumer.kind === "binary"
          ? `the ${consumer.name} operator`
          : `${consumer.name}(...)`;
      const { note, severity } = inferredNote(typed);
      return [
        {
          offset: s.offset,
          ...(severity ? { severity } : {}),
          message: `"${s.metric}" is a counter, used through ${how}. Wrap it in rate(...[$__rate_interval]) (or increase) first; ${consumer?.name === "deriv" || consumer?.name === "delta" ? `${consumer.name} is for gauges` : "a counter's value resets on restart"}.${note}`,
        },
      ];
    });
  },
});
