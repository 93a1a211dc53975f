/**
 * Findings as SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) read: one
 * run, the checks as the tool's rules, each finding a result at its file, line and column
 * (for our dashboards and alerts the .ts line that defined them) and its dashboard, panel or
 * rule as a logical location. Paths are repository-relative against %SRCROOT%.
 */
import { order, type Finding, type Severity, type Where } from "../findings.ts";

export interface RuleInfo {
  id: string;
  description: string;
}

export const sarifSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

function logicalLocations(w: Where): { name: string; fullyQualifiedName: string; kind: string }[] {
  if (w.dashboard !== undefined) {
    const panel = w.panel?.title;
    return [
      panel === undefined
        ? { name: w.dashboard, fullyQualifiedName: w.dashboard, kind: "module" }
        : { name: panel, fullyQualifiedName: `${w.dashboard}/${panel}`, kind: "member" },
    ];
  }
  if (w.group !== undefined) {
    const rule = w.alert;
    return [
      rule === undefined
        ? { name: w.group, fullyQualifiedName: w.group, kind: "module" }
        : { name: rule, fullyQualifiedName: `${w.group}/${rule}`, kind: "member" },
    ];
  }
  return [];
}

function location(w: Where): object[] {
  const logical = logicalLocations(w);
  if (!w.file) return logical.length > 0 ? [{ logicalLocations: logical }] : [];
  const region =
    w.line !== undefined
      ? { region: { startLine: w.line, ...(w.column ? { startColumn: w.column } : {}) } }
      : {};
  return [
    {
      physicalLocation: { artifactLocation: { uri: w.file, uriBaseId: "%SRCROOT%" }, ...region },
      ...(logical.length > 0 ? { logicalLocations: logical } : {}),
    },
  ];
}

/** A SARIF log of `findings`; `rules` describe the checks (the ids findings use, at least). */
/** SARIF's levels: unreadable input is an error there, what never fails a note. */
const sarifLevel: Record<Severity, "error" | "warning" | "note"> = {
  fatal: "error",
  error: "error",
  warning: "warning",
  info: "note",
};

export function formatSarif(findings: readonly Finding[], rules: readonly RuleInfo[]): string {
  const known = new Map(rules.map((r) => [r.id, r.description]));
  const ids = [...new Set([...rules.map((r) => r.id), ...findings.map((f) => f.rule)])].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const log = {
    $schema: sarifSchemaUri,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "ml-platform-monitoring",
            rules: ids.map((id) => ({
              id,
              shortDescription: { text: known.get(id) ?? id },
            })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The repository root." } } },
        results: [...findings].sort(order).map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule)!,
          level: sarifLevel[f.severity],
          message: { text: f.message },
          locations: location(f.where),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
