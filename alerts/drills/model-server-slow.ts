import { defineDrill } from "./lib/drill.ts";
import { normalDay } from "./lib/platform.ts";

/**
 * The model server slows down (long prompts, a slower GPU): 15% of requests wait 4 s for their
 * first token. SlowTimeToFirstToken opens a ticket; 15 times its budget, the time-to-first-token
 * SLO pages on its 1h tier once that hour's window holds 14.4 times the budget: after about an
 * hour (its 6h tier after about two and a half, beyond the drill).
 */
export default defineDrill({
  summary: "Model server slow: first tokens take seconds",
  // Six hours of normal traffic first, so that every window the tiers read holds them, as in
  // production; sampled every minute, as those windows are hours.
  duration: "425m",
  step: "1m",
  failureAt: "6h",
  platform: (f) => ({
    modelServer: {
      timeToFirstToken: f.then(normalDay.modelServer.timeToFirstToken(0), [
        [0.6, 0.3],
        [0.25, 0.9],
        [0.15, 4],
      ]),
    },
    worker: {
      callLatency: f.then(normalDay.worker.callLatency(0), [
        [0.5, 2],
        [0.35, 4],
        [0.15, 9],
      ]),
    },
  }),
  expect: [
    { alert: "SlowTimeToFirstToken", severity: "warning", within: "12m" },
    {
      alert: "TimeToFirstTokenBudgetBurn1h",
      severity: "critical",
      within: "60m",
      firing: [{ model_name: "llama-3-8b-instruct" }],
    },
  ],
  panels: [
    { dashboard: "ml-service", panel: "Slow first tokens (share over 2.5s)" },
    { dashboard: "ml-service", panel: "Queue time" },
  ],
});
