import { defineDrill } from "./lib/drill.ts";

/**
 * Every worker replica crashes (a bad deploy): Prometheus cannot scrape them, so their lag
 * series vanish with them and no backlog alert can see the requests piling up. JobDown pages.
 */
export default defineDrill({
  summary: "ML worker dead: every replica down",
  duration: "45m",
  failureAt: "15m",
  platform: (f) => ({ worker: { health: () => ({ scraped: f.then(true, false) }) } }),
  expect: [
    { alert: "JobDown", severity: "critical", within: "2m", firing: [{ job: "ml-worker" }] },
    {
      alert: "TargetDown",
      severity: "warning",
      within: "2m",
      firing: [0, 1, 2].map((i) => ({ instance: `ml-worker-${i}` })),
    },
  ],
  panels: [
    { dashboard: "ml-worker", panel: "Consumption rate" },
    { dashboard: "ml-worker", panel: "Consumed by instance" },
  ],
});
