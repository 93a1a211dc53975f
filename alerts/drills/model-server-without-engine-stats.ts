import { defineDrill } from "./lib/drill.ts";

/**
 * The model server is rolled out with --disable-log-stats: vLLM answers requests and its
 * /metrics, but reports no vllm:* series, so every alert and panel on its queue, latency and KV
 * cache goes blind while the target stays up. The exporter is misconfigured: a ticket.
 */
export default defineDrill({
  summary: "Model server rolled out with --disable-log-stats",
  duration: "45m",
  failureAt: "15m",
  platform: (f) => ({ modelServer: { engineStats: f.then(true, false) } }),
  expect: [
    {
      alert: "ModelServerMetricsMissing",
      severity: "warning",
      within: "16m",
      firing: [{ instance: "ml-service-0" }, { instance: "ml-service-1" }],
    },
  ],
  panels: [
    { dashboard: "ml-service", panel: "Running requests" },
    { dashboard: "ml-service", panel: "KV cache usage" },
  ],
});
