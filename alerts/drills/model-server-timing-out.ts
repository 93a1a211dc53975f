import { defineDrill } from "./lib/drill.ts";

/**
 * The model server's engine hangs while its API server still answers /metrics: requests pile
 * up in its queue, every call times out (no status code), and each message now costs the worker
 * four timeouts, so it barely consumes and the backlog grows.
 */
export default defineDrill({
  summary: "Model server hung: calls to it time out",
  // Six hours of normal traffic first, so that every window the tiers read holds them, as in
  // production; sampled every minute, as those windows are hours.
  duration: "410m",
  step: "1m",
  failureAt: "6h",
  platform: (f) => ({
    modelServer: { waiting: f.then(1, 40) },
    worker: { calls: f.then({}, { timeout: 1 }) },
  }),
  expect: [
    { alert: "ModelCallErrorRatio", severity: "critical", within: "8m" },
    { alert: "WorkerBacklogNotDraining", severity: "critical", within: "9m" },
    // Timed-out attempts are counted when they time out, two minutes late and few: the 1h
    // tier sees enough of them only after 40 minutes (ModelCallErrorRatio pages first).
    { alert: "ModelCallAvailabilityBudgetBurn1h", severity: "critical", within: "42m" },
    {
      alert: "InferenceQueueBacklog",
      severity: "warning",
      within: "6m",
      firing: [{ instance: "ml-service-0" }, { instance: "ml-service-1" }],
    },
  ],
  panels: [
    { dashboard: "ml-worker", panel: "Model-call responses by status class" },
    { dashboard: "ml-worker", panel: "Time to drain" },
    { dashboard: "ml-service", panel: "Waiting requests by instance" },
  ],
});
