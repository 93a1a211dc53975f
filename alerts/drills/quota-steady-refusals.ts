import { defineDrill } from "./lib/drill.ts";

/** Free-tier callers always hit their quota a little: the quota working, not an event. */
export default defineDrill({
  summary: "Steady quota refusals on the free tier",
  duration: "1h",
  platform: () => ({ gateway: { quotaRefusals: { free: () => 0.4, pro: () => 0.05 } } }),
  expect: [],
  panels: [{ dashboard: "api-gateway", panel: "Quota exceeded by tier" }],
});
