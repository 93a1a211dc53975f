/**
 * The model of the sources under a root, from the modules they export: the catalogue and
 * schemas read from that root, the sites of dashboards, panels and rules. Imports no source
 * module itself, so a checkout whose sources do not load is an error its caller can report.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildCatalogue, parseCatalogueFile } from "./catalogue.ts";
import type { Catalogue, CatalogueFile } from "../model/catalogue.ts";
import type { Cause, Finding } from "../findings.ts";
import type { Model } from "../model/index.ts";
import type { DashboardSource } from "../model/dashboard.ts";
import type { Platform, Thresholds } from "../model/platform.ts";
import type { RuleGroupSource } from "../model/rules.ts";
import type { DrillSource } from "../model/drills.ts";
import { loadValidators } from "../schema/load.ts";
import { catalogueDir } from "../outputs.ts";
import { dashboardWithSites, ruleGroupWithSites, type LiteralCache } from "./sites.ts";

const unreadable = (file: string, e: unknown): Finding => {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "EISDIR"
      ? "it is a folder"
      : code === "ENOENT"
        ? "it does not exist, or is a link to nothing"
        : (code ?? String(e));
  return {
    rule: "catalogue/yaml",
    severity: "error",
    where: { file },
    message: `Cannot read it (${why}): catalogue files are YAML files in ${catalogueDir}/. Rename or remove it.`,
  };
};

/** Read and parse every catalogue file; all problems of all files come back at once. */
export function loadCatalogue(root: string): { catalogue: Catalogue; findings: Finding[] } {
  const files: CatalogueFile[] = [];
  const broken = new Map<string, Cause>();
  const findings: Finding[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(join(root, catalogueDir))
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (e) {
    findings.push(unreadable(catalogueDir, e));
  }
  for (const name of names) {
    const file = `${catalogueDir}/${name}`;
    let text: string;
    try {
      text = readFileSync(join(root, file), "utf8");
    } catch (e) {
      findings.push(unreadable(file, e));
      continue;
    }
    const parsed = parseCatalogueFile(file, text);
    findings.push(...parsed.findings);
    if (parsed.value) files.push(parsed.value);
    for (const [name, cause] of parsed.broken) if (!broken.has(name)) broken.set(name, cause);
  }
  const built = buildCatalogue(files, broken);
  return { catalogue: built.catalogue, findings: [...findings, ...built.findings] };
}

/** What a tree's source modules export: the platform, the dashboards and the rule groups. */
export interface SourceModules {
  platform: Platform;
  dashboards: DashboardSource[];
  ruleGroups: RuleGroupSource[];
  /** The Loki ruler's groups (alerts/loki/): none in revisions before they existed. */
  logRuleGroups: RuleGroupSource[];
  /** The outage drills (alerts/drills/): only the build and the drills read them. */
  drills?: DrillSource[];
  /** config/platform.ts `thresholds`, for platform/thresholds. */
  thresholds?: Thresholds;
}

/** The model of the sources under `root`, with the catalogue, the schemas and source sites. */
export function modelOf(
  root: string,
  modules: SourceModules,
): { model: Model; findings: Finding[] } {
  const { catalogue, findings } = loadCatalogue(root);
  const validators = loadValidators(root);
  const literals: LiteralCache = new Map();
  const schemaFindings = validators.problems.map((p): Finding => ({
    rule: "schema/load",
    severity: "error",
    where: { file: p.file },
    message: `Schema file unusable: ${p.message}. Run \`npm run schema\` to regenerate it.`,
  }));
  return {
    model: {
      platform: modules.platform,
      ...(modules.thresholds ? { thresholds: modules.thresholds } : {}),
      catalogue,
      dashboards: modules.dashboards.map((d) => dashboardWithSites(root, d, literals)),
      ruleGroups: modules.ruleGroups.map((g) => ruleGroupWithSites(root, g)),
      logRuleGroups: modules.logRuleGroups.map((g) => ruleGroupWithSites(root, g)),
      drills: modules.drills ?? [],
      validators,
    },
    findings: [...findings, ...schemaFindings],
  };
}
