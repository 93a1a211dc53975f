import { defineDrill } from "./lib/drill.ts";

/**
 * On a quiet night (0.8 requests/s) the gateway cannot write anything to the queue: every
 * request is answered 502. Under the error ratio's 1 request/s floor, so only its every-request
 * branch and the budget tiers' floor on failed events (not on traffic) can page.
 */
export default defineDrill({
  summary: "API gateway output down on a quiet night: every request answered 502",
  // Six hours of the quiet night first: the 6h tier's window holds it, as in production.
  // Sampled every minute: the windows are hours.
  duration: "410m",
  step: "1m",
  failureAt: "6h",
  platform: (f) => ({
    gateway: { requestsPerSecond: () => 0.8, outputFailingShare: f.then(0, 1) },
  }),
  expect: [
    { alert: "GatewayHighErrorRatio", severity: "critical", within: "8m" },
    { alert: "GatewayAvailabilityBudgetBurn1h", severity: "critical", within: "4m" },
    { alert: "GatewayAvailabilityBudgetBurn6h", severity: "critical", within: "18m" },
  ],
  panels: [
    { dashboard: "api-gateway", panel: "Error ratio" },
    { dashboard: "api-gateway", panel: "Output sent and errors" },
  ],
});
