import { defineDrill } from "./lib/drill.ts";

/** The API service answers a fifth of its requests with a 5xx (a bad deploy): it burns its error budget fast. */
export default defineDrill({
  summary: "API service 5xx burst",
  // Six hours of normal traffic first: the slow burn's 6h window must hold a normal day.
  // Sampled every minute: the windows are hours, and seven hours at 30 s cost promtool double.
  duration: "7h",
  step: "1m",
  failureAt: "6h",
  platform: (f) => ({ apiService: { errorShare: f.then(0.0002, 0.2) } }),
  expect: [
    // The API availability SLO's two page tiers: 1h/5m, then 6h/30m once its `for` is over.
    { alert: "ApiAvailabilityBudgetBurn1h", severity: "critical", within: "7m" },
    { alert: "ApiAvailabilityBudgetBurn6h", severity: "critical", within: "26m" },
  ],
  panels: [
    { dashboard: "api-service", panel: "5xx ratio" },
    { dashboard: "api-service", panel: "Error budget burn rate" },
    { dashboard: "slos", panel: "API availability: burn rate per window" },
  ],
});
