import { defineDrill } from "./lib/drill.ts";

/**
 * One replica's KV cache runs full without preempting (its batch fits); another, at 70%,
 * preempts now and then on long prompts. Neither is saturated and preempting.
 */
export default defineDrill({
  summary: "KV cache full on one replica, preemptions on another",
  duration: "1h",
  platform: () => ({
    modelServer: {
      kvCacheUsage: (_t, replica) => (replica === 0 ? 0.95 : 0.7),
      preemptionsPerSecond: (_t, replica) => (replica === 1 ? 0.2 : 0),
    },
  }),
  expect: [],
  panels: [
    { dashboard: "ml-service", panel: "KV cache usage by instance" },
    { dashboard: "ml-service", panel: "Preemptions by instance" },
  ],
});
