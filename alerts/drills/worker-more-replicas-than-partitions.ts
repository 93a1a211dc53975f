import { defineDrill } from "./lib/drill.ts";

/**
 * A busy evening with a fourth worker replica for the three partitions: the fourth owns none
 * and idles by design, while the others keep up with about 400 messages in flight. Nothing
 * waits longer than usual: nothing may page.
 */
export default defineDrill({
  summary: "Worker keeping up with four replicas on three partitions, the fourth idle",
  duration: "40m",
  platform: () => ({
    gateway: { requestsPerSecond: () => 31 },
    worker: { replicas: 4, uncommittedSeconds: () => 13 },
  }),
  expect: [],
  panels: [
    { dashboard: "ml-worker", panel: "Consumed by instance" },
    { dashboard: "ml-worker", panel: "Queue lag by partition" },
  ],
});
