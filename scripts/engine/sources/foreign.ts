/**
 * Dashboards and Prometheus rule files given to `npm run check`, read leniently: whatever
 * another team or the Grafana UI wrote becomes a model the checks can run on, and whatever
 * cannot be read becomes a finding with its line, never an exception.
 */
import { LineCounter, parseDocument, visit, type Document } from "yaml";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { DashboardSource } from "../model/dashboard.ts";
import { asArray, isObject, str, type Json } from "../model/walk.ts";
import type { Finding, Where } from "../findings.ts";
import type { Duration, Rule, RuleGroupSource } from "../model/rules.ts";
import { jsonSyntaxError } from "./json-error.ts";
import { thrownMessage } from "../text/thrown.ts";
import { limits } from "../limits.ts";
import { jsonOffsets, positionsAt, tooDeepAt } from "../text/json-scan.ts";
import {
  locatable,
  pointerPath,
  positionAt,
  positionOf,
  type Path,
  type Position,
} from "../text/locate.ts";

export interface ParsedInput {
  file: string;
  dashboard?: DashboardSource;
  ruleGroups?: RuleGroupSource[];
  findings: Finding[];
  /**
   * Line and column of what each finding about this file points at, when they can be told: all
   * at once, so a large file is scanned once.
   */
  locate(wheres: readonly Where[]): (Position | undefined)[];
  /** Line and column of the `index`th (0-based) rule of a group of a rule file. */
  locateRule?(group: string, index: number): Position | undefined;
  /** Line and column where `needle` first appears in the file (for messages quoting a value). */
  locateText?(needle: string): Position | undefined;
}

const nowhere = (wheres: readonly Where[]) => wheres.map(() => undefined);

const unreadable = (
  file: string,
  at: Position | { line?: number },
  rule: string,
  message: string,
): Finding => ({
  rule,
  severity: "error",
  where: { file, ...at },
  message,
});

/** How deep a parsed value nests, counted without recursion (stops past `limit`). */
function depthOver(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return false;
}

const notChecked = "nothing else in this file was checked.";
const tooDeep = `nested more than ${limits.depth} levels deep (dashboards and rule files nest about 10): refused, so checking stays bounded in time and memory; ${notChecked}`;

/** The file's content as JSON data, or the parse error as a finding. */
function parseData(file: string, text: string): { data?: unknown; findings: Finding[] } {
  const body = text.replace(/^\uFEFF/, "");
  // Brackets nest JSON and YAML's flow collections alike: both are refused past the limit.
  const json = /\.json$/i.test(file);
  const deep = tooDeepAt(body, limits.depth);
  if (deep !== undefined) {
    const rule = json ? "json/parse" : "yaml/parse";
    return {
      findings: [
        unreadable(file, positionAt(body, deep), rule, `${json ? "JSON" : "YAML"} ${tooDeep}`),
      ],
    };
  }
  if (json) {
    try {
      return { data: JSON.parse(body), findings: [] };
    } catch {
      const error = jsonSyntaxError(body) ?? { offset: 0, message: "not valid JSON" };
      return {
        findings: [
          unreadable(
            file,
            positionAt(body, error.offset),
            "json/parse",
            `Invalid JSON: ${error.message}. Fix the syntax here; ${notChecked}`,
          ),
        ],
      };
    }
  }
  const counter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(body, { lineCounter: counter, prettyErrors: false });
  } catch (e) {
    // The parser recurses per level of flow nesting ([[[...]]]): deep enough, it runs out of stack.
    const message =
      e instanceof RangeError
        ? `YAML ${tooDeep}`
        : `YAML could not be parsed (${thrownMessage(e)}); ${notChecked}`;
    return { findings: [unreadable(file, { line: 1 }, "yaml/parse", message)] };
  }
  if (doc.errors.length > 0) {
    return {
      findings: doc.errors.map((e) => {
        const { line, col } = counter.linePos(e.pos[0]);
        return unreadable(
          file,
          { line, column: col },
          "yaml/parse",
          `Invalid YAML: ${e.message.split("\n")[0]}. Fix the syntax here; ${notChecked}`,
        );
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: limits.yamlAliases });
  } catch (e) {
    const alias = firstAlias(doc);
    const at =
      alias === undefined
        ? { line: 1 }
        : { line: counter.linePos(alias).line, column: counter.linePos(alias).col };
    const message =
      e instanceof ReferenceError || /alias/i.test(String(e))
        ? `YAML aliases expand past ${limits.yamlAliases} nodes (an alias bomb): refused; ${notChecked} Write the values out, or use fewer aliases.`
        : `YAML could not be read (${thrownMessage(e)}); ${notChecked}`;
    return { findings: [unreadable(file, at, "yaml/parse", message)] };
  }
  if (depthOver(data, limits.depth))
    return { findings: [unreadable(file, { line: 1 }, "yaml/parse", `YAML ${tooDeep}`)] };
  return { data, findings: [] };
}

/** Where the first alias (`*name`) of a document is. */
function firstAlias(doc: Document): number | undefined {
  let at: number | undefined;
  visit(doc, {
    Alias(_, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at;
}

const stringRecord = (v: unknown): Record<string, string> =>
  isObject(v)
    ? Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : String(x)]),
      )
    : {};

/** One rule as our model has it, or undefined when it is neither an alert nor a recording rule. */
function toRule(raw: Json): Rule | undefined {
  const expr =
    typeof raw.expr === "string" ? raw.expr : raw.expr === undefined ? "" : String(raw.expr);
  if (raw.alert !== undefined) {
    return {
      kind: "alert",
      alert: String(raw.alert),
      expr,
      // Missing fields stay missing: alerts/required-fields reports them.
      for: (raw.for === undefined ? undefined : String(raw.for)) as Duration,
      ...(raw.keep_firing_for !== undefined
        ? { keepFiringFor: String(raw.keep_firing_for) as Duration }
        : {}),
      labels: stringRecord(raw.labels) as never,
      annotations: stringRecord(raw.annotations) as never,
    };
  }
  if (raw.record !== undefined) {
    return {
      kind: "record",
      record: String(raw.record),
      expr,
      ...(isObject(raw.labels) ? { labels: stringRecord(raw.labels) } : {}),
    };
  }
  return undefined;
}

function ruleFile(file: string, data: Json, text: string): ParsedInput {
  const located = locatable(text);
  const findings: Finding[] = [];
  const problem = (path: Path, message: string) =>
    findings.push({
      rule: "check/input",
      severity: "error",
      where: { file, ...positionOf(located, path) },
      message,
    });
  const groupPaths = new Map<string, Path>();
  // A rule's path by group and name; null when the name is not unique in its group, since a
  // finding names the rule and there is no telling which one it means.
  const rulePaths = new Map<string, Path | null>();
  const ruleGroups: RuleGroupSource[] = [];
  if (!Array.isArray(data.groups)) problem(["groups"], '"groups" must be a list of rule groups.');
  asArray(data.groups).forEach((g, i) => {
    if (!isObject(g))
      return problem(["groups", i], `Group ${i + 1} is not a mapping: give it a name and rules.`);
    const name = str(g.name) ?? `#${i + 1}`;
    if (!groupPaths.has(name)) groupPaths.set(name, ["groups", i]);
    const rules: Rule[] = [];
    asArray(g.rules).forEach((r, j) => {
      const rule = isObject(r) ? toRule(r) : undefined;
      const path = ["groups", i, "rules", j];
      if (!rule)
        return problem(path, `Rule ${j + 1} of group "${name}" has neither "alert" nor "record".`);
      const key = `${name}\u0000${rule.kind === "alert" ? rule.alert : rule.record}`;
      rulePaths.set(key, rulePaths.has(key) ? null : path);
      rules.push(rule);
    });
    ruleGroups.push({
      file,
      group: {
        name,
        ...(g.interval !== undefined ? { interval: String(g.interval) as Duration } : {}),
        rules,
      },
    });
  });
  return {
    file,
    ruleGroups,
    findings,
    locate: (wheres) =>
      wheres.map((where) => {
        if (where.group === undefined) return undefined;
        const base =
          where.alert !== undefined
            ? rulePaths.get(`${where.group}\u0000${where.alert}`)
            : groupPaths.get(where.group);
        return base
          ? positionOf(located, [...base, ...pointerPath(where.pointer ?? "")])
          : undefined;
      }),
    locateText(needle) {
      const at = text.indexOf(needle);
      return at < 0 ? undefined : positionAt(text, at);
    },
    locateRule(group, index) {
      const base = groupPaths.get(group);
      return base && positionOf(located, [...base, "rules", index]);
    },
  };
}

/** Where the JSON pointers of `wheres` are in a dashboard file (one scan for JSON). */
function locatePointers(
  file: string,
  text: string,
  base: Path,
  wheres: readonly Where[],
): (Position | undefined)[] {
  const paths = wheres.map((w) =>
    w.pointer === undefined ? undefined : [...base, ...pointerPath(w.pointer)],
  );
  const wanted = paths.filter((p) => p !== undefined);
  let found: (Position | undefined)[];
  if (/\.json$/i.test(file)) {
    const body = text.replace(/^\uFEFF/, "");
    const offsets = jsonOffsets(body, wanted);
    const positions = positionsAt(
      body,
      offsets.map((o) => o ?? 0),
    );
    found = offsets.map((o, i) => (o === undefined ? undefined : positions[i]));
  } else {
    const located = locatable(text);
    found = wanted.map((p) => positionOf(located, p));
  }
  let next = 0;
  return paths.map((p) => (p === undefined ? undefined : found[next++]));
}

const looksLikeDashboard = (v: Json): boolean =>
  ["panels", "rows", "title", "templating", "schemaVersion"].some((k) => k in v);

/** Read one file given to `npm run check`: a dashboard, a rule file, or findings. */
export function parseInput(file: string, text: string): ParsedInput {
  const { data, findings } = parseData(file, text);
  if (findings.length > 0) return { file, findings, locate: nowhere };
  if (isObject(data) && "groups" in data) return ruleFile(file, data, text);
  // The HTTP API's shape, {dashboard, meta}, holds the dashboard one level down.
  const wrapped = isObject(data) && isObject(data.dashboard) && !looksLikeDashboard(data);
  const dashboard = wrapped ? (data.dashboard as Json) : data;
  if (isObject(dashboard) && looksLikeDashboard(dashboard)) {
    const base: Path = wrapped ? ["dashboard"] : [];
    return {
      file,
      dashboard: {
        file,
        slug: file.replace(/^.*\//, "").replace(/\.[^.]*$/, ""),
        // Checks walk dashboards leniently (scripts/dashboard/walk.ts): any JSON object will do.
        dashboard: dashboard as unknown as Dashboard,
      },
      findings: [],
      locate: (wheres) => locatePointers(file, text, base, wheres),
    };
  }
  return {
    file,
    findings: [
      {
        rule: "check/input",
        severity: "error",
        where: { file, line: 1 },
        message:
          "Neither a Grafana dashboard (an object with panels, rows or title) nor a Prometheus rule file (groups:): not checked.",
      },
    ],
    locate: nowhere,
  };
}
