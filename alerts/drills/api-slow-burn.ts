import { defineDrill } from "./lib/drill.ts";

/**
 * The API service starts failing 0.8% of its requests and keeps at it: eight times its error
 * budget, which is gone in under four days. Too slow to page, fast enough for a ticket; the
 * drill watches the first half day of it, sampled every minute.
 */
export default defineDrill({
  summary: "A slow error-budget burn that would last days",
  duration: "12h",
  step: "1m",
  // Six hours of normal traffic first: the slow burn's 6h window must hold a normal day.
  failureAt: "6h",
  platform: (f) => ({ apiService: { errorShare: f.then(0.0002, 0.008) } }),
  expect: [{ alert: "ApiErrorBudgetSlowBurn", severity: "warning", within: "285m" }],
  panels: [
    { dashboard: "api-service", panel: "Error budget burn rate" },
    { dashboard: "api-service", panel: "5xx ratio against the error budget" },
  ],
});
