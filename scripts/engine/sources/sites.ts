/**
 * Source sites for the model: where each dashboard, panel and rule was written. Dashboards and
 * rules record their call site when defined (model/site.ts); a panel is an object literal in a
 * row, which no stack can name, so it is found in the source by its title: the object literal
 * with `kind` and a literal `title`, in the dashboard's module first, then in dashboards/lib/.
 * A panel whose title is computed stays at its dashboard's `defineDashboard` line. A rule
 * written as a plain object is found the same way, by its literal name.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isAbsolute, join, relative } from "node:path";
import type ts from "typescript";
import type { DashboardSource } from "../model/dashboard.ts";
import type { RuleGroupSource } from "../model/rules.ts";
import { ruleName } from "../model/rules.ts";
import { siteOf, type SourceSite } from "../model/site.ts";
import type { Slo, SloSource } from "../model/slo.ts";
import { panelsOf } from "../model/walk.ts";

/**
 * The TypeScript parser, loaded on first use: it is the largest module the build would load,
 * and only a finding that needs a panel's line (or a rule written as a plain object) reads it.
 */
let parser: typeof ts | undefined;
const typescript = (): typeof ts =>
  (parser ??= createRequire(import.meta.url)("typescript") as typeof ts);

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
  file: string,
  text: string | undefined,
  key: string,
  required: string[] = [],
): Map<string, SourceSite> {
  const out = new Map<string, SourceSite>();
  if (text === undefined) return out;
  const ts = typescript();
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

function readSource(root: string, file: string): string | undefined {
  try {
    return readFileSync(join(root, file), "utf8");
  } catch {
    return undefined;
  }
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

/**
 * Panel literals by module, read once per model (every dashboard searches dashboards/lib) and
 * parsed when first needed.
 */
export type LiteralCache = Map<string, { get(): Map<string, SourceSite> }>;

/** A getter that computes its value on first read only. */
function lazily<T>(compute: () => T): { get(): T } {
  let value: { v: T } | undefined;
  return { get: () => (value ??= { v: compute() }).v };
}

/**
 * `d` with the sites of the dashboard and of every panel whose title literal is found. The
 * panels' sites are parsed from the sources when first read (a finding placed on a panel),
 * from the files as they were when the model was built.
 */
export function dashboardWithSites(
  root: string,
  d: DashboardSource,
  cache: LiteralCache = new Map(),
): DashboardSource {
  const recorded = siteOf(d);
  const dashboard = recorded && relativeTo(root, recorded);
  const modules = [dashboard?.file ?? d.file, ...libFiles(root, "dashboards/lib")];
  const parsed = modules.map((m) => {
    if (!cache.has(m)) {
      const text = readSource(root, m);
      cache.set(
        m,
        lazily(() => objectLiterals(m, text, "title", ["kind"])),
      );
    }
    return cache.get(m)!;
  });
  const panels = lazily(() => {
    const literals = parsed.map((l) => l.get());
    const out: Record<string, SourceSite> = {};
    for (const ref of panelsOf(d.dashboard)) {
      const site = literals.map((l) => l.get(ref.title)).find((s) => s !== undefined);
      if (site) out[ref.title] = site;
    }
    return out;
  });
  const sites = { ...(dashboard ? { dashboard } : {}) } as NonNullable<DashboardSource["sites"]>;
  Object.defineProperty(sites, "panels", { ...panels, enumerable: true });
  return { ...d, sites };
}

/**
 * `g` with the site of every rule: the alert() or record() call that made it, or else the
 * object literal in the group's module that names it.
 */
export function ruleGroupWithSites(root: string, g: RuleGroupSource): RuleGroupSource {
  const recorded = g.group.rules.map((rule) => {
    const site = siteOf(rule);
    return site && relativeTo(root, site);
  });
  const text = recorded.includes(undefined) ? readSource(root, g.file) : undefined;
  const sites = lazily(() => {
    const out: Record<string, SourceSite> = {};
    let literals: Record<string, Map<string, SourceSite>> | undefined;
    g.group.rules.forEach((rule, i) => {
      let site = recorded[i];
      if (!site) {
        literals ??= {
          alert: objectLiterals(g.file, text, "alert"),
          record: objectLiterals(g.file, text, "record"),
        };
        site = literals[rule.kind]!.get(ruleName(rule));
      }
      if (site && !(ruleName(rule) in out)) out[ruleName(rule)] = site;
    });
    return out;
  });
  return Object.defineProperty({ ...g }, "sites", { ...sites, enumerable: true });
}

/** An SLO with the site of its defineSlo() call, where findings about it and its rules land. */
export function sloWithSite(root: string, slo: Slo): SloSource {
  const recorded = siteOf(slo);
  const site = recorded && relativeTo(root, recorded);
  return site ? { slo, site } : { slo };
}
