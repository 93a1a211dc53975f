import { defineDrill } from "./lib/drill.ts";

/**
 * Busy GPUs as vLLM runs them: 95% of the memory preallocated at start (the contract's
 * --gpu-memory-utilization), flat out, held at the power cap. Healthy.
 */
export default defineDrill({
  summary: "GPUs busy: memory preallocated by vLLM, at their power cap",
  duration: "1h",
  platform: () => ({
    gpus: { utilisation: () => 99, clockEventReasons: () => 0x4, temperature: () => 79 },
  }),
  expect: [],
  panels: [
    { dashboard: "ml-service", panel: "GPU memory used" },
    { dashboard: "ml-service", panel: "GPU health" },
  ],
});
