import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { DashboardSource } from "../model/dashboard.ts";
import type { Finding } from "../findings.ts";
import type { Model } from "../model/index.ts";
import type { Platform, Thresholds } from "../model/platform.ts";
import type { RuleGroupSource } from "../model/rules.ts";
import { importFinding } from "./import-error.ts";
import { importSource as importModule } from "./import-source.ts";
import { loadCatalogue, modelOf, type ModelInputs } from "./model-of.ts";
import type { DrillSource } from "../model/drills.ts";
import type { Slo } from "../model/slo.ts";

/**
 * Import one source module of `root`; when it throws, the finding says where. `siblings` are
 * the modules a registry imports: when the registry fails, each is imported on its own, so
 * every module that throws is named, not only the first.
 */
async function importSource<T>(
  root: string,
  module: string,
  pick: (exports: Record<string, unknown>) => T,
  findings: Finding[],
): Promise<T | undefined> {
  try {
    return pick(await importModule(join(root, module)));
  } catch (e) {
    const before = findings.length;
    const folder = module.slice(0, module.lastIndexOf("/"));
    if (module.endsWith("/index.ts")) {
      for (const name of readdirSync(join(root, folder)).sort()) {
        if (!name.endsWith(".ts") || name === "index.ts") continue;
        try {
          await importModule(join(root, folder, name));
        } catch (inner) {
          findings.push(importFinding(root, `${folder}/${name}`, inner));
        }
      }
    }
    if (findings.length === before) findings.push(importFinding(root, module, e));
    return undefined;
  }
}

/**
 * The model of the repository at `root`: the catalogue, the platform, the dashboards, the rule
 * groups (Prometheus and Loki) and the SLOs. A source module that throws is a finding; without
 * config/platform.ts there is no model (the other sources build on it).
 */
export async function loadSources(
  root: string,
  inputs?: ModelInputs,
): Promise<{ model?: Model; findings: Finding[] }> {
  const findings: Finding[] = [];
  const config = await importSource(
    root,
    "config/platform.ts",
    (m) => ({
      platform: m.platform as Platform,
      thresholds: m.thresholds as Thresholds,
      slos: (m.slos as Slo[] | undefined) ?? [],
    }),
    findings,
  );
  // Each registry and what it exports; one that throws leaves its part empty.
  const registry = async <K extends string>(module: string, name: K) =>
    (await importSource(root, module, (m) => m[name], findings)) ?? [];
  const dashboards = (await registry("dashboards/index.ts", "dashboards")) as DashboardSource[];
  const ruleGroups = (await registry("alerts/index.ts", "ruleGroups")) as RuleGroupSource[];
  const logRuleGroups = (await registry(
    "alerts/loki/index.ts",
    "logRuleGroups",
  )) as RuleGroupSource[];
  const drills = (await registry("alerts/drills/index.ts", "drills")) as DrillSource[];
  if (!config) {
    const catalogue = inputs?.catalogue ?? loadCatalogue(root);
    return { findings: [...catalogue.findings, ...findings] };
  }
  const modules = { ...config, dashboards, ruleGroups, logRuleGroups, drills };
  const built = modelOf(root, modules, inputs);
  return { model: built.model, findings: [...built.findings, ...findings] };
}
