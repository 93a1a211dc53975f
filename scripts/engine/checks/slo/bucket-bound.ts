import { resolveSeries } from "../../model/series.ts";
import { didYouMean } from "../../text/suggest.ts";
import { defineCheck, type Problem } from "../check.ts";

/**
 * A latency SLI counts the requests at or under a bucket bound as good. Only a real bound of
 * the histogram has a `_bucket` series to count: any other number selects nothing, and the SLO
 * then reads every request as slow (or, through clamp_min, its budget as never spent).
 */
export const sloBucketBound = defineCheck({
  id: "slo/bucket-bound",
  description:
    "A latency SLO names a histogram of the catalogue and one of its finite bucket bounds: the share of requests under any other number is not counted by any series.",
  severity: "error",
  scope: "model",
  check(_subject, { model }) {
    const problems: Problem[] = [];
    for (const { slo, site } of model.slos) {
      const { sli } = slo;
      if (sli.kind !== "latency") continue;
      const where = {
        file: site?.file ?? "config/platform.ts",
        ...(site ? { line: site.line, column: site.column } : {}),
        pointer: `/slos/${slo.name}/sli`,
      };
      // The histogram as the catalogue describes it for the SLO's job.
      const found = resolveSeries(model.catalogue, sli.histogram, new Set([slo.component]));
      const metric = found?.kind === "self" ? found.metric : undefined;
      if (metric?.type !== "histogram") {
        const histograms = [...model.catalogue.metrics.values()]
          .flatMap((defs) => defs.slice(0, 1))
          .filter((m) => m.type === "histogram")
          .map((m) => m.name);
        problems.push({
          where,
          message: `SLO "${slo.name}": "${sli.histogram}" is ${metric ? `a ${metric.type}, not a histogram` : `not in config/metrics/ for job "${slo.component}"`}. A latency SLI reads a histogram's buckets: name one by its base name.${didYouMean(sli.histogram, histograms)}`,
        });
        continue;
      }
      const buckets = metric.buckets ?? [];
      if (!buckets.includes(sli.le)) {
        problems.push({
          where,
          message: `SLO "${slo.name}": ${sli.le} is no bucket bound of "${sli.histogram}" (its bounds: ${buckets.join(", ") || "none"}), so no _bucket series counts the requests under it. Promise on one of the bounds, or add the bound to the exporter's buckets and the catalogue.`,
        });
      }
    }
    return problems;
  },
});
