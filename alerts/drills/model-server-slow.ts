import { defineDrill } from "./lib/drill.ts";
import { normalDay } from "./lib/platform.ts";

/**
 * The model server slows down (long prompts, a slower GPU): 15% of requests wait 4 s for their
 * first token. SlowTimeToFirstToken opens a ticket; the time-to-first-token SLO's 6h tier pages
 * once its `for` is over: 15 times its budget, which would last two days.
 */
export default defineDrill({
  summary: "Model server slow: first tokens take seconds",
  duration: "45m",
  failureAt: "15m",
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
      alert: "TimeToFirstTokenBudgetBurn6h",
      severity: "critical",
      within: "27m",
      firing: [{ model_name: "llama-3-8b-instruct" }],
    },
  ],
  panels: [
    { dashboard: "ml-service", panel: "Slow first tokens (share over 2.5s)" },
    { dashboard: "ml-service", panel: "Queue time" },
  ],
});
