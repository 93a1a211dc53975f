import { defineDrill } from "./lib/drill.ts";

/**
 * A busy evening: traffic climbs, the worker keeps up, and each partition holds the 13 s of
 * messages in flight and not committed yet, about 400 in all. Every one of the three replicas
 * reports all of it (the group's lag), so summing over replicas reads 1200 and rising.
 */
export default defineDrill({
  summary: "Worker busy and keeping up, its group lag reported by every replica",
  duration: "1h",
  platform: () => ({
    gateway: { requestsPerSecond: (t) => 28 + (5 * t) / 3600 },
    worker: { uncommittedSeconds: () => 13 },
  }),
  expect: [],
  panels: [
    { dashboard: "ml-worker", panel: "Queue lag by partition" },
    { dashboard: "ml-worker", panel: "Time to drain" },
  ],
});
