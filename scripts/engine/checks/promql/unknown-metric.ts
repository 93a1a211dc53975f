import { alternatives } from "../../promql/escape.ts";
import { vectorSelectors, type Selector } from "../../promql/selectors.ts";
import { didYouMean } from "../../text/suggest.ts";
import { fileCovers } from "../../model/catalogue.ts";
import { defineCheck } from "../check.ts";
import { queryFacts } from "../scope.ts";

/** The metric names a selector picks: its name, or the names a `{__name__=~"a|b"}` lists. */
const selectedNames = (s: Selector): string[] => {
  if (s.metric !== undefined) return [s.metric];
  const byName = s.matchers.find((m) => m.label === "__name__" && m.op === "=~" && !m.templated);
  return (byName && alternatives(byName.value)) ?? [];
};

export const promqlUnknownMetric = defineCheck({
  id: "promql/unknown-metric",
  description:
    "Every metric a query selects is in the catalogue of its job (derived _bucket/_sum/_count/_created names included) or is a recording rule; a job no catalogue describes is not judged.",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, ctx) {
    const facts = queryFacts(ctx, query, parsed);
    return vectorSelectors(parsed).flatMap((s) => {
      const scope = facts.scope(s);
      if (!ctx.index.covers(scope)) return [];
      /** Where the name was looked for, in words: only for a name that is missing. */
      const lookedIn = () => {
        const jobs = scope ? ` of job ${[...scope].map((j) => `"${j}"`).join(" or ")}` : "";
        const folders = new Set(
          ctx.model.catalogue.files
            .filter((f) => fileCovers(f, scope))
            .map((f) => f.file.replace(/[^/]*$/, "")),
        );
        return `${jobs} (${[...folders].join(", ")})`;
      };
      return selectedNames(s)
        .filter((name) => facts.lookup(s, name) === undefined)
        .map((name) => {
          const cause = ctx.model.catalogue.broken?.get(name);
          if (cause) {
            return {
              offset: s.offset,
              followsFrom: cause,
              message: `Unknown metric "${name}": its catalogue entry at ${cause.file}:${cause.line} has an error.`,
            };
          }
          return {
            offset: s.offset,
            message: `Unknown metric "${name}": it is in no catalogue file${lookedIn()} and no recording rule records it.${didYouMean(name, ctx.index.names(scope))} Add it to the catalogue if the exporter really exposes it.`,
          };
        });
    });
  },
});
