/**
 * dashboards/index.ts with one more dashboard: its module imported and added to the
 * `dashboards` list (found with the TypeScript compiler API), pure. Unchanged when it is there.
 */
import ts from "typescript";

const identifierOf = (slug: string) =>
  slug
    .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())
    .replace(/^(\d)/, "_$1");

export function registered(index: string, slug: string): { text: string } | { problem: string } {
  const module = `./${slug}.ts`;
  const source = ts.createSourceFile("index.ts", index, ts.ScriptTarget.Latest, true);
  let lastImport = 0;
  let list: ts.ArrayLiteralExpression | undefined;
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt)) {
      lastImport = stmt.end;
      if (ts.isStringLiteral(stmt.moduleSpecifier) && stmt.moduleSpecifier.text === module) {
        return { text: index };
      }
    }
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        if (
          ts.isIdentifier(d.name) &&
          d.name.text === "dashboards" &&
          d.initializer &&
          ts.isArrayLiteralExpression(d.initializer)
        ) {
          list = d.initializer;
        }
      }
    }
  }
  if (!list)
    return {
      problem:
        "dashboards/index.ts has no `export const dashboards = [...]` list to add the dashboard to",
    };
  let name = identifierOf(slug);
  while (new RegExp(`\\b${name}\\b`).test(index)) name += "Imported";
  const last = list.elements[list.elements.length - 1];
  const end = last ? last.end : list.elements.pos;
  const sep = last ? ", " : "";
  const withItem = `${index.slice(0, end)}${sep}${name}${index.slice(end)}`;
  return {
    text: `${withItem.slice(0, lastImport)}\nimport ${name} from "${module}";${withItem.slice(lastImport)}`,
  };
}
