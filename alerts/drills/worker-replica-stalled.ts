import { defineDrill } from "./lib/drill.ts";

/**
 * One worker replica's pipeline hangs (a processor blocked, the process alive and scraped):
 * it keeps its partition, which nobody consumes, while the two others work normally.
 */
export default defineDrill({
  summary: "One ML worker replica stuck while the others run",
  duration: "1h",
  failureAt: "10m",
  platform: (f) => ({
    worker: { stalled: (t, replica) => replica === 1 && f.on(t) },
  }),
  expect: [
    {
      alert: "WorkerReplicaStalled",
      severity: "critical",
      within: "12m",
      firing: [{ instance: "ml-worker-1" }],
    },
    { alert: "WorkerBacklogNotDraining", severity: "critical", within: "25m" },
  ],
  panels: [
    { dashboard: "ml-worker", panel: "Consumed by instance" },
    { dashboard: "ml-worker", panel: "Queue lag by partition" },
  ],
});
