import type { Finding } from "../findings.ts";
import type { Metric } from "../model/catalogue.ts";
import type { Model } from "../model/index.ts";
import { benthosMetricsPath } from "../outputs.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";

/**
 * The `metrics:` section of every Benthos / Redpanda Connect config of the platform, from the
 * catalogue's buckets, so the exporter and what the dashboards and alerts assume cannot
 * disagree. Benthos has one `histogram_buckets` list for all its timers: the catalogue's
 * Benthos histograms must share theirs.
 */
export function renderBenthosMetrics(model: Model): Rendered {
  const files = model.catalogue.files.filter((f) => f.exporter?.id === "benthos");
  const histograms = files.flatMap((f) => f.metrics.filter((m) => m.type === "histogram"));
  const first = histograms[0];
  if (!first?.buckets) return rendered([]);
  const same = (m: Metric) => JSON.stringify(m.buckets) === JSON.stringify(first.buckets);
  const findings: Finding[] = histograms
    .filter((m) => !same(m))
    .map((m) => ({
      rule: "exporters/benthos-buckets",
      severity: "error",
      where: { file: m.file, line: m.line },
      message: `Benthos has one histogram_buckets list for every timer, but "${m.name}" has [${m.buckets!.join(", ")}] and "${first.name}" (${first.file}:${first.line}) has [${first.buckets!.join(", ")}]: give every Benthos histogram the same buckets.`,
    }));
  if (findings.length > 0) return rendered([], findings);
  const jobs = [...new Set(files.flatMap((f) => f.jobs))].sort();
  // Benthos exports the process collector's metrics only when asked: ask when the catalogue
  // says a Benthos job has them (the Benthos pods' CPU and memory panels read them).
  const processMetrics = model.catalogue.files.some(
    (f) =>
      f.jobs.some((j) => jobs.includes(j)) && f.metrics.some((m) => m.name.startsWith("process_")),
  );
  const header = [
    generatedMarker("config/metrics/*.yaml"),
    `# The metrics section of every Benthos / Redpanda Connect config of the platform (${jobs.join(", ")}):\n`,
    "# timers as histograms in seconds (still named *_ns), with the buckets the dashboards and alerts read.\n",
    ...(processMetrics
      ? ["# Process metrics on: the dashboards show the pods' CPU and memory.\n"]
      : []),
  ].join("");
  const body = toYaml({
    metrics: {
      prometheus: {
        use_histogram_timing: true,
        histogram_buckets: first.buckets,
        ...(processMetrics ? { add_process_metrics: true } : {}),
      },
    },
  });
  return rendered([[benthosMetricsPath, header + body]]);
}
