import { defineDrill } from "./lib/drill.ts";

/**
 * The API service starts failing 0.8% of its requests and keeps at it: eight times its error
 * budget, which is gone in under four days. Too slow for the 1h tier; the 6h tier pages once
 * six hours hold enough of it, and both ticket tiers open a ticket. The drill watches the first
 * half day of it, sampled every minute.
 */
export default defineDrill({
  summary: "An error-budget burn that would empty the month's budget in four days",
  duration: "12h",
  step: "1m",
  // Six hours of normal traffic first: the slow burn's 6h window must hold a normal day.
  failureAt: "6h",
  platform: (f) => ({ apiService: { errorShare: f.then(0.0002, 0.008) } }),
  expect: [
    { alert: "ApiAvailabilityBudgetBurn6h", severity: "critical", within: "290m" },
    { alert: "ApiAvailabilityBudgetBurn1d", severity: "warning", within: "290m" },
    { alert: "ApiAvailabilityBudgetBurn3d", severity: "warning", within: "240m" },
  ],
  panels: [
    { dashboard: "api-service", panel: "Error budget burn rate" },
    { dashboard: "api-service", panel: "5xx ratio against the error budget" },
    { dashboard: "slos", panel: "API availability: error budget left" },
  ],
});
