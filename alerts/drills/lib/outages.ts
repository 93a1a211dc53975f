/** Failures more than one drill starts from, with what they page. */
import type { ExpectedAlert } from "../../../scripts/authoring/index.ts";
import type { Failure } from "./drill.ts";
import type { Overrides } from "./platform.ts";

/**
 * The model server's pods crash: Prometheus cannot scrape them, the worker's calls are refused
 * and the GPUs idle.
 */
export const modelServerDown = (f: Failure): Overrides => ({
  modelServer: { health: () => ({ scraped: f.then(true, false) }) },
  worker: { calls: f.then({}, { refused: 1 }) },
  gpus: { utilisation: f.then(60, 0) },
});

/** What it pages, by when, after six healthy hours (the 6h tier's window full of them). */
export const modelServerDownPages: ExpectedAlert[] = [
  { alert: "ModelCallErrorRatio", severity: "critical", within: "6m" },
  { alert: "ModelCallAvailabilityBudgetBurn1h", severity: "critical", within: "4m" },
  { alert: "ModelCallAvailabilityBudgetBurn6h", severity: "critical", within: "18m" },
  { alert: "JobDown", severity: "critical", within: "2m", firing: [{ job: "ml-service" }] },
  {
    alert: "TargetDown",
    severity: "warning",
    within: "2m",
    firing: [{ instance: "ml-service-0" }, { instance: "ml-service-1" }],
  },
];
