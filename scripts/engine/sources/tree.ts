/**
 * The sources of any checkout of this repository (the working tree, or a base revision checked
 * out for `npm run review`), imported by path rather than statically, with the thresholds of
 * its config/platform.ts, which the review names changes by.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../findings.ts";
import type { Model } from "../model/index.ts";
import { modelOf, type SourceModules } from "./model-of.ts";
import { importSource } from "./import-source.ts";

export interface Tree {
  model: Model;
  /** `thresholds` of config/platform.ts, as exported (absent in older revisions: empty). */
  thresholds: Record<string, unknown>;
  findings: Finding[];
}

export async function loadTree(root: string): Promise<Tree> {
  const load = (path: string): Promise<Record<string, any>> => importSource(join(root, path));
  const loki = "alerts/loki/index.ts";
  const [d, a, l, c] = await Promise.all([
    load("dashboards/index.ts"),
    load("alerts/index.ts"),
    existsSync(join(root, loki)) ? load(loki) : { logRuleGroups: [] },
    load("config/platform.ts"),
  ]);
  const modules: SourceModules = {
    platform: c.platform,
    dashboards: d.dashboards,
    ruleGroups: a.ruleGroups,
    logRuleGroups: l.logRuleGroups ?? [],
    slos: c.slos ?? [],
  };
  const { model, findings } = modelOf(root, modules);
  return { model, thresholds: (c.thresholds as Record<string, unknown>) ?? {}, findings };
}
