import { defineDrill } from "./lib/drill.ts";

/**
 * A pro-tier customer runs into its quota hard: 3 requests/s refused. QuotaExceeded informs
 * (severity info: Alertmanager routes it to no receiver), and nothing pages.
 */
export default defineDrill({
  summary: "A paid tier surging into its quota",
  duration: "1h",
  failureAt: "15m",
  platform: (f) => ({ gateway: { quotaRefusals: { pro: f.then(0.02, 3) } } }),
  expect: [{ alert: "QuotaExceeded", severity: "info", within: "18m", firing: [{ tier: "pro" }] }],
  panels: [{ dashboard: "api-gateway", panel: "Quota exceeded by tier" }],
});
