import { defineDrill } from "./lib/drill.ts";

/**
 * The worker is redeployed without the contract's metrics section: Benthos' default timing
 * exports summaries, so its latency histograms lose their buckets and every latency panel on
 * them goes empty. The exporter is misconfigured: a ticket.
 */
export default defineDrill({
  summary: "ML worker redeployed with Benthos' default (summary) timing",
  duration: "45m",
  failureAt: "15m",
  platform: (f) => ({ worker: { timing: f.then("histogram", "summary") } }),
  expect: [
    {
      alert: "HistogramBucketsMissing",
      severity: "warning",
      within: "16m",
      firing: [0, 1, 2].flatMap((i) =>
        ["input_latency_ns", "http_request_latency_ns"].map((histogram) => ({
          instance: `ml-worker-${i}`,
          histogram,
        })),
      ),
    },
  ],
  panels: [
    { dashboard: "ml-worker", panel: "Model-call latency" },
    { dashboard: "ml-worker", panel: "End-to-end latency" },
  ],
});
