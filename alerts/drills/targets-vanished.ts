import { defineDrill } from "./lib/drill.ts";

/**
 * The API service's Service is renamed: discovery finds no target, so there is not even an
 * `up` series for TargetDown or JobDown to see. Every API alert and panel is blind.
 */
export default defineDrill({
  summary: "Every API service target gone from service discovery",
  duration: "45m",
  failureAt: "15m",
  platform: (f) => ({ apiService: { health: () => ({ discovered: f.then(true, false) }) } }),
  expect: [
    {
      alert: "TargetsMissing",
      severity: "critical",
      within: "5m",
      firing: [{ job: "api-service" }],
    },
  ],
  panels: [{ dashboard: "api-service", panel: "Request rate" }],
});
