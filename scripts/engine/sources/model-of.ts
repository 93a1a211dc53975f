/**
 * The model of the sources under a root, from the modules they export: the catalogue and
 * schemas read from that root, the sites of dashboards, panels and rules. Imports no source
 * module itself, so a checkout whose sources do not load is an error its caller can report.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { buildCatalogue, parseCatalogueFile } from "./catalogue.ts";
import type { Catalogue, CatalogueFile } from "../model/catalogue.ts";
import type { Cause, Finding } from "../findings.ts";
import type { Model } from "../model/index.ts";
import type { DashboardSource } from "../model/dashboard.ts";
import type { Platform, Thresholds } from "../model/platform.ts";
import type { RuleGroupSource } from "../model/rules.ts";
import type { DrillSource } from "../model/drills.ts";
import type { Slo } from "../model/slo.ts";
import { loadValidators, type Validators } from "../schema/load.ts";
import { catalogueDir } from "../outputs.ts";
import { keptParse } from "./kept-parse.ts";
import { readText, unreadableWhy } from "./read-text.ts";
import { dashboardWithSites, ruleGroupWithSites, sloWithSite, type LiteralCache } from "./sites.ts";

const yamlFile = /\.ya?ml$/;

/**
 * A catalogue path that cannot be read. Named by the user (a --catalogue, config/metrics/
 * itself): nothing of it was read, so it is fatal. Found in a folder: that entry alone.
 */
const unreadable = (file: string, why: string, named: boolean): Finding => ({
  rule: "catalogue/yaml",
  severity: named ? "fatal" : "error",
  where: { file },
  message: named
    ? `Cannot read the catalogue (${why}).`
    : `Cannot read it (${why}): a catalogue folder holds YAML files (*.yaml, *.yml) only. Rename or remove it.`,
});

/**
 * Read and parse every catalogue file of config/metrics/; all problems of all files come back at
 * once. `anyJob`: whether its facts hold for selectors that name no job (our sources, where every
 * selector is ours), or only for our jobs (another team's files).
 */
export function loadCatalogue(
  root: string,
  anyJob = true,
): { catalogue: Catalogue; findings: Finding[] } {
  return loadCatalogueFiles(root, [join(root, catalogueDir)], anyJob);
}

/**
 * Read and parse catalogue files and folders of them (absolute paths; shown relative to `base`),
 * in a stable order; a path that cannot be read is a finding, and the other files still load.
 */
export function loadCatalogueFiles(
  base: string,
  paths: readonly string[],
  anyJob: boolean,
): { catalogue: Catalogue; findings: Finding[] } {
  const files: CatalogueFile[] = [];
  const broken = new Map<string, Cause>();
  const findings: Finding[] = [];
  const show = (abs: string) => relative(base, abs).split("\\").join("/") || abs;
  const parse = (abs: string, named: boolean) => {
    const file = show(abs);
    const read = readText(abs);
    if ("problem" in read) return findings.push(unreadable(file, read.problem, named));
    const parsed = keptParse("catalogue", [file, read.text], () =>
      parseCatalogueFile(file, read.text),
    );
    findings.push(...parsed.findings);
    if (parsed.value) files.push({ ...parsed.value, anyJob });
    for (const [name, cause] of parsed.broken) if (!broken.has(name)) broken.set(name, cause);
  };
  for (const path of paths) {
    let entries: string[] | undefined;
    try {
      if (statSync(path).isDirectory()) entries = readdirSync(path).filter((n) => yamlFile.test(n));
    } catch (e) {
      findings.push(unreadable(show(path), unreadableWhy(e), true));
      continue;
    }
    if (entries) for (const name of entries.sort()) parse(join(path, name), false);
    else parse(path, true);
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
  /** config/platform.ts `slos`: none in revisions before they existed. */
  slos?: readonly Slo[];
}

/** What the model reads from files beside the modules: the catalogue and the schemas. */
export interface ModelInputs {
  catalogue: { catalogue: Catalogue; findings: Finding[] };
  validators: Validators;
}

/** The catalogue and the schemas under `root`, read now. */
export const readModelInputs = (root: string): ModelInputs => ({
  catalogue: loadCatalogue(root),
  validators: loadValidators(root),
});

/**
 * The model of the sources under `root`, with the catalogue, the schemas (read now, unless
 * given: the watch reads them again only when they change) and source sites.
 */
export function modelOf(
  root: string,
  modules: SourceModules,
  inputs: ModelInputs = readModelInputs(root),
): { model: Model; findings: Finding[] } {
  const { catalogue, findings } = inputs.catalogue;
  const { validators } = inputs;
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
      slos: (modules.slos ?? []).map((slo) => sloWithSite(root, slo)),
      drills: modules.drills ?? [],
      validators,
    },
    findings: [...findings, ...schemaFindings],
  };
}
