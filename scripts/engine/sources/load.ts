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

/** The registries of the sources, each the module and the name of what it exports. */
const registries = {
  dashboards: ["dashboards/index.ts", "dashboards"],
  ruleGroups: ["alerts/index.ts", "ruleGroups"],
  logRuleGroups: ["alerts/loki/index.ts", "logRuleGroups"],
  drills: ["alerts/drills/index.ts", "drills"],
} as const;
type Registry = keyof typeof registries;
/** What a command may leave out of the model: each registry, and the SLOs (with their sites). */
export type SourcePart = Registry | "slos";
const everyPart: SourcePart[] = [...(Object.keys(registries) as Registry[]), "slos"];

/**
 * The model of the repository at `root`: the catalogue, the platform, the dashboards, the rule
 * groups (Prometheus and Loki) and the SLOs. A source module that throws is a finding; without
 * config/platform.ts there is no model (the other sources build on it). `only`: the parts to
 * load (a registry left out is not even imported: `npm run check` on another team's files
 * needs neither our dashboards nor the SDK that builds them); the others are empty.
 */
export async function loadSources(
  root: string,
  inputs?: ModelInputs,
  only: readonly SourcePart[] = everyPart,
): Promise<{ model?: Model; findings: Finding[] }> {
  const findings: Finding[] = [];
  const config = await importSource(
    root,
    "config/platform.ts",
    (m) => ({
      platform: m.platform as Platform,
      thresholds: m.thresholds as Thresholds,
      slos: only.includes("slos") ? ((m.slos as Slo[] | undefined) ?? []) : [],
    }),
    findings,
  );
  // Each registry and what it exports; one that throws leaves its part empty.
  const registry = async (name: Registry) => {
    if (!only.includes(name)) return [];
    const [module, exported] = registries[name];
    return (await importSource(root, module, (m) => m[exported], findings)) ?? [];
  };
  const dashboards = (await registry("dashboards")) as DashboardSource[];
  const ruleGroups = (await registry("ruleGroups")) as RuleGroupSource[];
  const logRuleGroups = (await registry("logRuleGroups")) as RuleGroupSource[];
  const drills = (await registry("drills")) as DrillSource[];
  if (!config) {
    const catalogue = inputs?.catalogue ?? loadCatalogue(root);
    return { findings: [...catalogue.findings, ...findings] };
  }
  const modules = { ...config, dashboards, ruleGroups, logRuleGroups, drills };
  const built = modelOf(root, modules, inputs);
  return { model: built.model, findings: [...built.findings, ...findings] };
}
