import { vectorSelectors } from "../../promql/selectors.ts";
import { didYouMean } from "../../suggest.ts";
import type { Check } from "../check.ts";
import { seriesIndex } from "../known-series.ts";
import { queryFindings } from "../promql-findings.ts";

export const unknownMetric: Check = {
  id: "promql/unknown-metric",
  description:
    "Every metric a query selects is in config/metrics/ (derived _bucket/_sum/_count/_created names included) or is a recording rule defined in alerts/.",
  run({ model }) {
    const index = seriesIndex(model);
    return queryFindings(model, this.id, "error", (_q, parsed) =>
      vectorSelectors(parsed)
        .filter((s) => s.metric !== undefined && index.lookup(s.metric) === undefined)
        .map((s) => ({
          offset: s.offset,
          message: `Unknown metric "${s.metric}": it is not in config/metrics/ nor recorded by a rule in alerts/.${didYouMean(s.metric!, index.names())} Add it to the catalogue if the exporter really exposes it.`,
        })),
    );
  },
};
