import { defineDrill } from "./lib/drill.ts";

/**
 * The worker loses its connection to Redpanda (a network policy, expired credentials): its
 * pods stay up and scraped, it consumes nothing, and its lag gauge keeps the last value it read
 * (the 40 messages in flight of an evening's 8 requests/s), while the gateway keeps writing
 * requests nobody reads.
 */
export default defineDrill({
  summary: "ML worker cut off from the broker: nothing consumed, lag frozen, gateway writing",
  duration: "40m",
  failureAt: "10m",
  platform: (f) => ({
    gateway: { requestsPerSecond: () => 8 },
    worker: { disconnected: f.on },
  }),
  expect: [{ alert: "WorkerNotConsuming", severity: "critical", within: "10m" }],
  panels: [
    { dashboard: "ml-worker", panel: "Consumption rate" },
    { dashboard: "ml-worker", panel: "Queue lag by partition" },
  ],
});
