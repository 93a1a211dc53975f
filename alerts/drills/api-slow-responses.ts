import { defineDrill } from "./lib/drill.ts";
import { normalDay } from "./lib/platform.ts";

/**
 * The API service slows down (a slow dependency): 40% of its requests take 2 s, beyond the
 * top 1 s bucket. Every request is still answered, but the latency SLO (99% within 1 s) burns
 * 40 times its budget: both of its page tiers fire, and HighRequestLatency opens a ticket.
 */
export default defineDrill({
  summary: "API service slow: 40% of requests take 2 s",
  // Six hours of normal traffic first, so that every window the tiers read holds them, as in
  // production; sampled every minute, as those windows are hours.
  duration: "435m",
  step: "1m",
  failureAt: "6h",
  platform: (f) => ({
    apiService: {
      latency: f.then(normalDay.apiService.latency(0), [
        [0.4, 0.05],
        [0.2, 0.3],
        [0.4, 2],
      ]),
    },
  }),
  expect: [
    { alert: "HighRequestLatency", severity: "warning", within: "11m" },
    { alert: "ApiLatencyBudgetBurn1h", severity: "critical", within: "24m" },
    { alert: "ApiLatencyBudgetBurn6h", severity: "critical", within: "69m" },
  ],
  panels: [
    { dashboard: "api-service", panel: "Request latency" },
    { dashboard: "slos", panel: "API latency: burn rate per window" },
  ],
});
