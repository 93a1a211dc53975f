import { alternatives } from "../../promql/escape.ts";
import { vectorSelectors, type Selector } from "../../promql/selectors.ts";
import { didYouMean } from "../../text/suggest.ts";
import { defineCheck } from "../check.ts";

/** The metric names a selector picks: its name, or the names a `{__name__=~"a|b"}` lists. */
const selectedNames = (s: Selector): string[] => {
  if (s.metric !== undefined) return [s.metric];
  const byName = s.matchers.find((m) => m.label === "__name__" && m.op === "=~" && !m.templated);
  return (byName && alternatives(byName.value)) ?? [];
};

export const promqlUnknownMetric = defineCheck({
  id: "promql/unknown-metric",
  description:
    "Every metric a query selects is in config/metrics/ (derived _bucket/_sum/_count/_created names included) or is a recording rule defined in alerts/.",
  severity: "error",
  scope: "promql",
  check({ parsed }, { index, model }) {
    return vectorSelectors(parsed).flatMap((s) =>
      selectedNames(s)
        .filter((name) => index.lookup(name) === undefined)
        .map((name) => {
          const cause = model.catalogue.broken?.get(name);
          if (cause) {
            return {
              offset: s.offset,
              followsFrom: cause,
              message: `Unknown metric "${name}": its catalogue entry at ${cause.file}:${cause.line} has an error.`,
            };
          }
          return {
            offset: s.offset,
            message: `Unknown metric "${name}": it is not in config/metrics/ nor recorded by a rule in alerts/.${didYouMean(name, index.names())} Add it to the catalogue if the exporter really exposes it.`,
          };
        }),
    );
  },
});
