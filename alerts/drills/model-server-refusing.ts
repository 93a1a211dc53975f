import { defineDrill } from "./lib/drill.ts";
import { modelServerDown, modelServerDownPages } from "./lib/outages.ts";

/**
 * The model server's pods crash: Prometheus cannot scrape them and the worker's calls are
 * refused. Refused calls get no status code, so only counting attempts without a 2xx sees them;
 * the worker retries each, then passes the message on, so it keeps consuming.
 */
export default defineDrill({
  summary: "Model server down: every replica gone, calls to it refused",
  // Six hours of normal traffic first: the 6h tier's window holds them, as in production.
  // Sampled every minute: the windows are hours.
  duration: "405m",
  step: "1m",
  failureAt: "6h",
  platform: modelServerDown,
  expect: modelServerDownPages,
  panels: [
    { dashboard: "ml-worker", panel: "Model-call failure ratio" },
    { dashboard: "ml-worker", panel: "Model-call responses by status class" },
    { dashboard: "ml-service", panel: "Running and waiting requests" },
  ],
});
