import { defineDrill } from "./lib/drill.ts";

/**
 * Peak hour on eight model-server replicas: each has three requests waiting for a batch slot,
 * its KV cache well used, its GPU at its power cap. 24 waiting in all, no replica saturated.
 */
export default defineDrill({
  summary: "Model server busy on many replicas, none saturated",
  duration: "1h",
  platform: () => ({
    gateway: { requestsPerSecond: () => 30 },
    modelServer: {
      replicas: 8,
      waiting: () => 3,
      running: () => 40,
      kvCacheUsage: () => 0.8,
    },
    gpus: { utilisation: () => 97, clockEventReasons: () => 0x4, temperature: () => 76 },
  }),
  expect: [],
  panels: [
    { dashboard: "ml-service", panel: "Waiting requests by instance" },
    { dashboard: "ml-service", panel: "KV cache usage by instance" },
  ],
});
