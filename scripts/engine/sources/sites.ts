/**
 * Source sites for the model: where each dashboard, panel and rule was written. Dashboards and
 * rules record their call site when defined (model/site.ts); a panel is an object literal in a
 * row, which no stack can name, so it is found in the source by its title: the object literal
 * with `kind` and a literal `title`, in the dashboard's module first, then in dashboards/lib/.
 * A panel whose title is computed stays at its dashboard's `defineDashboard` line.
 */
import { readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import ts from "typescript";
import type { DashboardSource } from "../model/dashboard.ts";
import type { RuleGroupSource } from "../model/rules.ts";
import { ruleName } from "../model/rules.ts";
import { siteOf, type SourceSite } from "../model/site.ts";
import { panelsOf } from "../model/walk.ts";

/** The site with a repository-relative path; none for a file outside the repository. */
const relativeTo = (root: string, site: SourceSite): SourceSite | undefined => {
  const rel = isAbsolute(site.file) ? relative(root, site.file).split("\\").join("/") : site.file;
  return rel.startsWith("../") || isAbsolute(rel) ? undefined : { ...site, file: rel };
};

/** Panel spec literals of one module: title -> where its object literal starts. */
function panelLiterals(root: string, file: string): Map<string, SourceSite> {
  const out = new Map<string, SourceSite>();
  let text: string;
  try {
    text = readFileSync(join(root, file), "utf8");
  } catch {
    return out;
  }
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const props = new Map(
        node.properties
          .filter(ts.isPropertyAssignment)
          .map((p) => [p.name.getText(sf), p.initializer] as const),
      );
      const title = props.get("title");
      if (props.has("kind") && title && ts.isStringLiteralLike(title) && !out.has(title.text)) {
        const at = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        out.set(title.text, { file, line: at.line + 1, column: at.character + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function libFiles(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir))
      .filter((n) => n.endsWith(".ts"))
      .sort()
      .map((n) => `${dir}/${n}`);
  } catch {
    return [];
  }
}

/** Panel literals by module, parsed once per model (every dashboard searches dashboards/lib). */
export type LiteralCache = Map<string, Map<string, SourceSite>>;

/** `d` with the sites of the dashboard and of every panel whose title literal is found. */
export function dashboardWithSites(
  root: string,
  d: DashboardSource,
  cache: LiteralCache = new Map(),
): DashboardSource {
  const recorded = siteOf(d);
  const dashboard = recorded && relativeTo(root, recorded);
  const modules = [dashboard?.file ?? d.file, ...libFiles(root, "dashboards/lib")];
  const literals = modules.map((m) => {
    if (!cache.has(m)) cache.set(m, panelLiterals(root, m));
    return cache.get(m)!;
  });
  const panels: Record<string, SourceSite> = {};
  for (const ref of panelsOf(d.dashboard)) {
    const site = literals.map((l) => l.get(ref.title)).find((s) => s !== undefined);
    if (site) panels[ref.title] = site;
  }
  return { ...d, sites: { ...(dashboard ? { dashboard } : {}), panels } };
}

/** `g` with the call site of every rule made by alert() or record(). */
export function ruleGroupWithSites(root: string, g: RuleGroupSource): RuleGroupSource {
  const sites: Record<string, SourceSite> = {};
  for (const rule of g.group.rules) {
    const recorded = siteOf(rule);
    const site = recorded && relativeTo(root, recorded);
    if (site && !(ruleName(rule) in sites)) sites[ruleName(rule)] = site;
  }
  return { ...g, sites };
}
