import { defineDrill } from "./lib/drill.ts";

/**
 * GPU 1 falls off the bus (XID 79): the model server on it crashes and restarts in a loop. An
 * application's page fault (XID 31) on GPU 0 later is the workload's, not the GPU's: no page.
 */
export default defineDrill({
  summary: "GPU XID errors: one GPU fallen off the bus",
  duration: "45m",
  failureAt: "15m",
  platform: (f) => ({
    gpus: {
      xid: (t, gpu) => (gpu === 1 && f.on(t) ? 79 : gpu === 0 && t >= 25 * 60 ? 31 : 0),
    },
    modelServer: {
      health: (replica) => ({ scraped: (t) => !(replica === 1 && t >= 16 * 60) }),
    },
  }),
  expect: [
    {
      alert: "GpuXidError",
      severity: "critical",
      within: "1m",
      firing: [{ hostname: "gpu-node-1", gpu: "1", err_code: "79" }],
    },
    {
      alert: "TargetDown",
      severity: "warning",
      within: "3m",
      firing: [{ instance: "ml-service-1" }],
    },
  ],
  panels: [{ dashboard: "ml-service", panel: "GPU health" }],
});
