import { defineDrill } from "./lib/drill.ts";
import { modelServerDown, modelServerDownPages } from "./lib/outages.ts";

/**
 * The model server is down (as in model-server-refusing) and the worker is restarted ten
 * minutes into the outage (a deploy, a liveness probe): its counters start again from 0 and,
 * as no call has been answered since, it exports no 2xx series at all (Benthos creates a status
 * class's counter on its first response). The failed calls must still read as 100% failing.
 */
export default defineDrill({
  summary: "Model server down, the worker restarted during the outage: no 2xx series",
  duration: "405m",
  step: "1m",
  failureAt: "6h",
  platform: (f) => {
    const down = modelServerDown(f);
    return { ...down, worker: { ...down.worker, health: () => ({ restartedAt: 370 * 60 }) } };
  },
  expect: modelServerDownPages,
  panels: [
    { dashboard: "ml-worker", panel: "Model-call failure ratio" },
    { dashboard: "ml-worker", panel: "Model-call responses by status class" },
  ],
});
