import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Model } from "../model/index.ts";
import { alertsDocument } from "../render/alerts.ts";
import { syntheticFamilies, toOpenMetrics } from "./synthetic/openmetrics.ts";
import { syntheticTargets } from "./synthetic/targets.ts";
import { startPrometheus, type PrometheusServer } from "./server.ts";
import { createBlocks } from "./tsdb.ts";
import { PrometheusApi } from "./api.ts";
import { awaitRuleEvaluation, evaluatedBy, type Window } from "./smoke.ts";

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
  // The data ends now, to the second (not at the last whole step, up to a step earlier): the
  // server's rule evaluations come after it, and the shortest rule window ([2m], at a sample a
  // minute) must still hold samples then, once the blocks are made and the server is up.
  const end = Math.floor(Date.now() / 1000);
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

/**
 * Run `use` against a synthetic Prometheus of `model` (in a scratch directory, removed after),
 * with the window a dashboard opened on its default 3 hours would query, ending once every rule
 * group has been evaluated, so recorded series have samples.
 */
export async function withSyntheticPrometheus<T>(
  model: Model,
  use: (api: PrometheusApi, window: Window) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-preview-"));
  let server: PrometheusServer | undefined;
  try {
    const stepSeconds = 60;
    server = await startSyntheticPrometheus({
      model,
      dir,
      hours: 4,
      stepSeconds,
      seed: 1,
      lifetimeSeconds: 600,
    });
    const api = new PrometheusApi(server.url);
    const end = evaluatedBy(await awaitRuleEvaluation(api));
    return await use(api, {
      end,
      rangeSeconds: 3 * 3600,
      intervalSeconds: stepSeconds,
      rateIntervalSeconds: 300,
    });
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
