/**
 * Source sites for the model: where each dashboard, panel and rule was written. Dashboards and
 * rules record their call site when defined (model/site.ts); a panel is an object literal in a
 * row, which no stack can name, so it is found in the source by its title: the object literal
 * with `kind` and a literal `title`, in the dashboard's module first, then in dashboards/lib/.
 * A panel whose title is computed stays at its dashboard's `defineDashboard` line. A rule
 * written as a plain object is found the same way, by its literal name.
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

/**
 * Object literals of one module with a string literal `key` (and every property of `with`):
 * that string -> where the object literal starts. Panels are `{ kind, title: "..." }`; rules
 * written as plain objects `{ record: "..." }`.
 */
function objectLiterals(
  root: string,
  file: string,
  key: string,
  required: string[] = [],
): Map<string, SourceSite> {
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
      const value = props.get(key);
      const complete = required.every((r) => props.has(r));
      if (complete && value && ts.isStringLiteralLike(value) && !out.has(value.text)) {
        const at = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        out.set(value.text, { file, line: at.line + 1, column: at.character + 1 });
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
    if (!cache.has(m)) cache.set(m, objectLiterals(root, m, "title", ["kind"]));
    return cache.get(m)!;
  });
  const panels: Record<string, SourceSite> = {};
  for (const ref of panelsOf(d.dashboard)) {
    const site = literals.map((l) => l.get(ref.title)).find((s) => s !== undefined);
    if (site) panels[ref.title] = site;
  }
  return { ...d, sites: { ...(dashboard ? { dashboard } : {}), panels } };
}

/**
 * `g` with the site of every rule: the alert() or record() call that made it, or else the
 * object literal in the group's module that names it.
 */
export function ruleGroupWithSites(root: string, g: RuleGroupSource): RuleGroupSource {
  const sites: Record<string, SourceSite> = {};
  let literals: Record<string, Map<string, SourceSite>> | undefined;
  for (const rule of g.group.rules) {
    const recorded = siteOf(rule);
    let site = recorded && relativeTo(root, recorded);
    if (!site) {
      literals ??= {
        alert: objectLiterals(root, g.file, "alert"),
        record: objectLiterals(root, g.file, "record"),
      };
      site = literals[rule.kind]!.get(ruleName(rule));
    }
    if (site && !(ruleName(rule) in sites)) sites[ruleName(rule)] = site;
  }
  return { ...g, sites };
}
