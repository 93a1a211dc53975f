import { defineDrill } from "./lib/drill.ts";

/**
 * The API service fails 0.2% of its requests for days: twice its error budget, a fifth of
 * the month's budget in three days. No page tier ever sees it (14.4x and 6x), nor the 3x
 * ticket tier; the 1x tier (3d/6h) opens a ticket once three days' worth of traffic holds
 * enough of it: here, a normal day of history, under a day into the burn. Sampled every 4
 * minutes (two samples in every 5-minute window) to keep two days cheap.
 */
export default defineDrill({
  summary: "A slow error-budget burn over days: 0.2% of API requests fail",
  duration: "50h",
  step: "4m",
  failureAt: "1d",
  platform: (f) => ({ apiService: { errorShare: f.then(0.0002, 0.002) } }),
  expect: [{ alert: "ApiAvailabilityBudgetBurn3d", severity: "warning", within: "23h" }],
  panels: [
    { dashboard: "slos", panel: "API availability: error budget left" },
    { dashboard: "slos", panel: "API availability: burn rate per window" },
  ],
});
