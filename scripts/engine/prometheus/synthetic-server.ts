import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Model } from "../model/index.ts";
import { alertsDocument } from "../render/alerts.ts";
import { syntheticFamilies, toOpenMetrics } from "./synthetic/openmetrics.ts";
import { syntheticTargets } from "./synthetic/targets.ts";
import { startPrometheus, type PrometheusServer } from "./server.ts";
import { createBlocks } from "./tsdb.ts";

export interface SyntheticServerOptions {
  model: Model;
  /** A scratch directory for the TSDB, the config and the rules; the caller removes it. */
  dir: string;
  hours: number;
  stepSeconds: number;
  seed: number;
  lifetimeSeconds?: number;
}

/**
 * A Prometheus holding synthetic series for the model's catalogue up to the current minute,
 * evaluating the model's rules: what the smoke test (and a benchmark) query.
 */
export function startSyntheticPrometheus(o: SyntheticServerOptions): Promise<PrometheusServer> {
  // The data ends at the last whole step: the server's own rule evaluations come after it.
  const end = Math.floor(Date.now() / 1000 / o.stepSeconds) * o.stepSeconds;
  const options = { end, hours: o.hours, stepSeconds: o.stepSeconds, seed: o.seed };
  const targets = syntheticTargets(o.model.catalogue, o.model.platform);
  createBlocks(
    toOpenMetrics(syntheticFamilies(o.model.catalogue, targets, options), options),
    o.dir,
  );
  const rules = join(o.dir, "alerts.yml");
  writeFileSync(rules, alertsDocument(o.model));
  return startPrometheus({ dir: o.dir, ruleFiles: [rules], lifetimeSeconds: o.lifetimeSeconds });
}
