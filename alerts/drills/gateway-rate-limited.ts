import { defineDrill } from "./lib/drill.ts";

/**
 * A client floods the gateway: twice the traffic, 40% of it refused by the rate limit (429,
 * never counted as received). The limit protects the platform: a ticket, nothing pages.
 */
export default defineDrill({
  summary: "API gateway refusing on its rate limit (429)",
  duration: "45m",
  failureAt: "15m",
  platform: (f) => ({
    gateway: { requestsPerSecond: f.then(20, 40), rateLimitedShare: f.then(0.02, 0.4) },
  }),
  expect: [{ alert: "GatewayRateLimitSaturated", severity: "warning", within: "12m" }],
  panels: [{ dashboard: "api-gateway", panel: "Rate-limited (429) ratio" }],
});
