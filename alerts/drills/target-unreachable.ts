import { defineDrill } from "./lib/drill.ts";

/**
 * Prometheus cannot scrape one gateway pod (a network policy), which still serves: a ticket,
 * the gateway's other alerts are half blind meanwhile.
 */
export default defineDrill({
  summary: "A scrape target gone: one gateway pod unreachable for Prometheus",
  duration: "45m",
  failureAt: "15m",
  platform: (f) => ({
    gateway: { health: (replica) => ({ scraped: (t) => replica !== 1 || !f.on(t) }) },
  }),
  expect: [
    {
      alert: "TargetDown",
      severity: "warning",
      within: "2m",
      firing: [{ instance: "api-gateway-1" }],
    },
  ],
  panels: [{ dashboard: "api-gateway", panel: "Scrape health by instance" }],
});
