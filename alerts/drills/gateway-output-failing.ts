import { defineDrill } from "./lib/drill.ts";

/**
 * The gateway cannot write half of its requests to the queue (a broker partition leader
 * unreachable): those are nacked and answered 502. No processor fails; Benthos counts them
 * as received and never times them.
 */
export default defineDrill({
  summary: "API gateway output failing: half the requests answered 502",
  // Six hours of normal traffic first, so that every window the tiers read holds them, as in
  // production; sampled every minute, as those windows are hours.
  duration: "390m",
  step: "1m",
  failureAt: "6h",
  platform: (f) => ({ gateway: { outputFailingShare: f.then(0, 0.5) } }),
  expect: [
    { alert: "GatewayHighErrorRatio", severity: "critical", within: "6m" },
    { alert: "GatewayAvailabilityBudgetBurn1h", severity: "critical", within: "4m" },
    { alert: "GatewayAvailabilityBudgetBurn6h", severity: "critical", within: "20m" },
  ],
  panels: [
    { dashboard: "api-gateway", panel: "Error ratio" },
    { dashboard: "api-gateway", panel: "Output sent and errors" },
    { dashboard: "slos", panel: "Gateway availability: burn rate per window" },
  ],
});
