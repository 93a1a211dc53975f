import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ruleGroups } from "../../../alerts/index.ts";
import { logRuleGroups } from "../../../alerts/loki/index.ts";
import { platform } from "../../../config/platform.ts";
import { dashboards } from "../../../dashboards/index.ts";
import { buildCatalogue, parseCatalogueFile } from "./catalogue.ts";
import type { Catalogue, CatalogueFile } from "../model/catalogue.ts";
import type { Finding } from "../findings.ts";
import type { Model } from "../model/index.ts";
import { loadValidators } from "../schema/load.ts";
import { catalogueDir } from "../outputs.ts";
import { dashboardWithSites, ruleGroupWithSites } from "./sites.ts";

/** Read and parse every catalogue file; all problems of all files come back at once. */
export function loadCatalogue(root: string): { catalogue: Catalogue; findings: Finding[] } {
  const names = readdirSync(join(root, catalogueDir))
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  const files: CatalogueFile[] = [];
  const findings: Finding[] = [];
  for (const name of names) {
    const file = `${catalogueDir}/${name}`;
    const parsed = parseCatalogueFile(file, readFileSync(join(root, file), "utf8"));
    findings.push(...parsed.findings);
    if (parsed.value) files.push(parsed.value);
  }
  const built = buildCatalogue(files);
  return { catalogue: built.catalogue, findings: [...findings, ...built.findings] };
}

/** The model of this repository: the catalogue, the dashboards and the rule groups (Prometheus and Loki). */
export function loadSources(root: string): { model: Model; findings: Finding[] } {
  const { catalogue, findings } = loadCatalogue(root);
  const validators = loadValidators(root);
  const schemaFindings = validators.problems.map((p): Finding => ({
    rule: "schema/load",
    severity: "error",
    where: { file: p.file },
    message: `Schema file unusable: ${p.message}. Run \`npm run schema\` to regenerate it.`,
  }));
  return {
    model: {
      platform,
      catalogue,
      dashboards: dashboards.map((d) => dashboardWithSites(root, d)),
      ruleGroups: ruleGroups.map((g) => ruleGroupWithSites(root, g)),
      logRuleGroups: logRuleGroups.map((g) => ruleGroupWithSites(root, g)),
      validators,
    },
    findings: [...findings, ...schemaFindings],
  };
}
