import { defineDrill } from "./lib/drill.ts";

/** A GPU's cooling fails: it heats up and hardware thermal slowdown holds its clocks down. */
export default defineDrill({
  summary: "GPU throttled by heat",
  duration: "45m",
  failureAt: "15m",
  platform: (f) => ({
    gpus: {
      // 0x40 hardware thermal slowdown on top of the power cap (0x4) of a busy GPU.
      clockEventReasons: (t, gpu) => (gpu === 0 && f.on(t) ? 0x44 : 0x4),
      temperature: (t, gpu) => (gpu === 0 && f.on(t) ? 91 : 70),
    },
  }),
  expect: [{ alert: "GpuThrottled", severity: "warning", within: "10m", firing: [{ gpu: "0" }] }],
  panels: [
    { dashboard: "ml-service", panel: "GPU health" },
    { dashboard: "ml-service", panel: "GPU temperature" },
  ],
});
