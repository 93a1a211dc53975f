import { defineDrill } from "./lib/drill.ts";
import { normalDay } from "./lib/platform.ts";

/**
 * Prefill stalls for long prompts: 30% of first tokens take 6 s, twice the 2.5 s the
 * time-to-first-token SLO promises 99% of them within. 30 times the budget: both page tiers
 * of the model's SLO fire, and SlowTimeToFirstToken opens a ticket. The calls take longer
 * too, but the worker keeps up.
 */
export default defineDrill({
  summary: "Model server first tokens stalled: 30% take 6 s",
  // Six hours of normal traffic first, so that every window the tiers read holds them, as in
  // production; sampled every minute, as those windows are hours.
  duration: "455m",
  step: "1m",
  failureAt: "6h",
  platform: (f) => ({
    modelServer: {
      timeToFirstToken: f.then(normalDay.modelServer.timeToFirstToken(0), [
        [0.5, 0.15],
        [0.2, 0.4],
        [0.3, 6],
      ]),
    },
    worker: {
      callLatency: f.then(normalDay.worker.callLatency(0), [
        [0.5, 1.5],
        [0.2, 3],
        [0.3, 8],
      ]),
    },
  }),
  expect: [
    { alert: "SlowTimeToFirstToken", severity: "warning", within: "12m" },
    {
      alert: "TimeToFirstTokenBudgetBurn1h",
      severity: "critical",
      within: "31m",
      firing: [{ model_name: "llama-3-8b-instruct" }],
    },
    {
      alert: "TimeToFirstTokenBudgetBurn6h",
      severity: "critical",
      within: "88m",
      firing: [{ model_name: "llama-3-8b-instruct" }],
    },
  ],
  panels: [
    { dashboard: "ml-service", panel: "Time to first token" },
    { dashboard: "slos", panel: "Time to first token: burn rate per window" },
  ],
});
