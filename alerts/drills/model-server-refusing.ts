import { defineDrill } from "./lib/drill.ts";

/**
 * The model server's pods crash: Prometheus cannot scrape them and the worker's calls are
 * refused. Refused calls get no status code, so only counting attempts without a 2xx sees them;
 * the worker retries each, then passes the message on, so it keeps consuming.
 */
export default defineDrill({
  summary: "Model server down: every replica gone, calls to it refused",
  duration: "45m",
  failureAt: "15m",
  platform: (f) => ({
    modelServer: { health: () => ({ scraped: f.then(true, false) }) },
    worker: { calls: f.then({}, { refused: 1 }) },
    gpus: { utilisation: f.then(60, 0) },
  }),
  expect: [
    { alert: "ModelCallErrorRatio", severity: "critical", within: "6m" },
    { alert: "ModelCallAvailabilityBudgetBurn1h", severity: "critical", within: "4m" },
    { alert: "ModelCallAvailabilityBudgetBurn6h", severity: "critical", within: "17m" },
    { alert: "JobDown", severity: "critical", within: "2m", firing: [{ job: "ml-service" }] },
    {
      alert: "TargetDown",
      severity: "warning",
      within: "2m",
      firing: [{ instance: "ml-service-0" }, { instance: "ml-service-1" }],
    },
  ],
  panels: [
    { dashboard: "ml-worker", panel: "Model-call failure ratio" },
    { dashboard: "ml-worker", panel: "Model-call responses by status class" },
    { dashboard: "ml-service", panel: "Running and waiting requests" },
  ],
});
