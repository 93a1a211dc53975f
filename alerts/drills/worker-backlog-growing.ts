import { defineDrill } from "./lib/drill.ts";

/**
 * Traffic triples and stays there: the queue takes more than the worker's replicas can process,
 * so the backlog grows and a new request waits longer and longer.
 */
export default defineDrill({
  summary: "ML worker backlog growing: more requests than the worker can process",
  duration: "1h",
  failureAt: "15m",
  platform: (f) => ({ gateway: { requestsPerSecond: f.then(20, 60) } }),
  expect: [{ alert: "WorkerBacklogNotDraining", severity: "critical", within: "20m" }],
  panels: [
    { dashboard: "ml-worker", panel: "Time to drain" },
    { dashboard: "ml-worker", panel: "Queue lag by partition" },
  ],
});
