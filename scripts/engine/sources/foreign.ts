/**
 * Dashboards and Prometheus rule files given to `npm run check`, read leniently: whatever
 * another team or the Grafana UI wrote becomes a model the checks can run on, and whatever
 * cannot be read becomes a finding with its line, never an exception. A file may hold many
 * (shapes.ts): every finding points into the file as written, through the wrappers. Reading is
 * bounded (limits.ts): nesting, YAML aliases, and positions in JSON found by one scan of the
 * text rather than a tree of it.
 */
import {
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type ParsedNode,
  type Range,
} from "yaml";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { dashboardUid, type DashboardSource } from "../model/dashboard.ts";
import { asArray, isObject, type Json } from "../model/walk.ts";
import type { Finding, Where } from "../findings.ts";
import type { RuleGroupSource } from "../model/rules.ts";
import { limits } from "../limits.ts";
import { embeddedOffset, identity, type ToOuter } from "./embedded.ts";
import { jsonSyntaxError } from "./json-error.ts";
import { readRuleGroups, rulePath, type RuleFileRead } from "./rule-file.ts";
import { migrateDashboard } from "./migrate.ts";
import { shapesOf } from "./shapes.ts";
import type { Span } from "./suppression-comments.ts";
import { jsonOffsets, positionsAt, tooDeepAt } from "../text/json-scan.ts";
import { pointerPath, positionAt, positionOf, type Path, type Position } from "../text/locate.ts";
import { thrownMessage } from "../text/thrown.ts";

/** A rule file inside the input, for promtool: the file itself, or its groups as a rule file. */
export interface RuleFileUnit {
  /** The rule file's text when it is not the whole file (a PrometheusRule's spec, say). */
  text?: string;
  locateRule(group: string, index: number): Position | undefined;
}

/** Where a finding is in the file, and its pointer as in the file when that differs. */
export type FilePosition = Position & { pointer?: string };

export interface ParsedInput {
  file: string;
  dashboards: DashboardSource[];
  ruleGroups: RuleGroupSource[];
  /** Groups of the Loki ruler (LogQL expressions). */
  logRuleGroups: RuleGroupSource[];
  findings: Finding[];
  /** Set when the file holds neither a dashboard nor a rule file: what it is instead. */
  skipped?: string;
  /** `# lint-disable` comments about the whole file, at their lines. */
  suppressions: { rule: string; reason: string; line: number }[];
  /** The rule files inside, for promtool. */
  ruleFiles: RuleFileUnit[];
  /**
   * Line and column of what each finding about this file points at, when they can be told,
   * and its pointer as in the file (an old dashboard's panels are checked after Grafana's
   * migrations): all at once, so a large file is scanned once.
   */
  locate(wheres: readonly Where[]): (FilePosition | undefined)[];
  /** Line and column where `needle` first appears in the file (for messages quoting a value). */
  locateText(needle: string): Position | undefined;
}

/**
 * A parsed text: the file, or a string inside it, and how to find nodes in it. JSON keeps no
 * tree of positions (a 200 MiB dashboard would cost many times its size): its paths are found
 * by scanning the text. YAML keeps the parser's document.
 */
interface Source {
  text: string;
  /** Where the node at each path starts (its nearest existing ancestor's), in the file. */
  locate(paths: readonly Path[]): (Position | undefined)[];
  /** The lines of `text` the node at a path spans (YAML: where comments can be about it). */
  span(path: Path): Span | undefined;
  /** How positions in a string at `path` of this text map to the file. */
  embedded(path: Path): ToOuter;
  toOuter: ToOuter;
}

function jsonSource(text: string, toOuter: ToOuter): Source {
  const locate = (paths: readonly Path[]) => {
    const offsets = jsonOffsets(text, paths);
    const positions = positionsAt(
      text,
      offsets.map((o) => o ?? 0),
    );
    return offsets.map((o, i) => (o === undefined ? undefined : toOuter(positions[i]!)));
  };
  return {
    text,
    locate,
    span: () => undefined,
    // A JSON string is one line: every position in it is where it starts.
    embedded(path) {
      const start = locate([path])[0];
      return start ? () => start : toOuter;
    },
    toOuter,
  };
}

function yamlSource(text: string, doc: Document, counter: LineCounter, toOuter: ToOuter): Source {
  let lines: number | undefined;
  return {
    text,
    locate: (paths) =>
      paths.map((path) => {
        const p = positionOf({ doc, counter }, path);
        return p && toOuter(p);
      }),
    span(path) {
      const node = doc.getIn(path, true) as { range?: Range } | undefined;
      if (!node?.range) return undefined;
      const from = counter.linePos(node.range[0]).line;
      const to = counter.linePos(Math.max(node.range[0], node.range[1] - 1)).line;
      lines ??= text.split("\n").length;
      return { from, to: Math.min(to, lines) };
    },
    embedded(path) {
      const inner = embeddedOffset(doc, counter, text, path);
      return (p) => toOuter(inner(p));
    },
    toOuter,
  };
}

const at = (s: Source, path: Path): Position | undefined => s.locate([path])[0];

const notChecked = "nothing else in this file was checked.";
const tooDeep = `nested more than ${limits.depth} levels deep (dashboards and rule files nest about 10): refused, so checking stays bounded in time and memory; ${notChecked}`;

/** Input that cannot be read at all: fatal, since nothing else in the file was checked. */
function refused(
  file: string,
  rule: "json/parse" | "yaml/parse",
  where: Partial<Position>,
  message: string,
): Finding {
  return { rule, severity: "fatal", where: { file, ...where }, message };
}

const parseFailure = (
  file: string,
  rule: "json/parse" | "yaml/parse",
  where: Position,
  message: string,
): Finding =>
  refused(
    file,
    rule,
    where,
    `Invalid ${rule === "json/parse" ? "JSON" : "YAML"}: ${message}. Fix the syntax here; ${notChecked}`,
  );

/** What usually causes a YAML error, where it can be told. */
function yamlHint(text: string, code: string, message: string): string {
  if (/^ALERT \w+/m.test(text)) {
    return " (this is a Prometheus 1.x rule file, ALERT ... IF ...: Prometheus 2 and later read YAML; convert it with `promtool update rules`)";
  }
  if (code === "MISSING_CHAR" && /quote/.test(message)) {
    return " (a quoted string continued on lines indented no deeper than its key: YAML needs them indented further, although Go's YAML parser, which Prometheus uses, lets it pass; indent them or use a block scalar, |)";
  }
  return "";
}

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

/** Where the first alias (`*name`) of a document is. */
function firstAlias(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_, node) {
      found = node.range?.[0];
      return visit.BREAK;
    },
  });
  return found;
}

type Parsed = { sources: { source: Source; data: unknown }[]; findings: Finding[] };

function parseJson(file: string, text: string, toOuter: ToOuter): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const error = jsonSyntaxError(text) ?? { offset: 0, message: "not valid JSON" };
    return {
      sources: [],
      findings: [
        parseFailure(file, "json/parse", toOuter(positionAt(text, error.offset)), error.message),
      ],
    };
  }
  return { sources: [{ source: jsonSource(text, toOuter), data }], findings: [] };
}

function parseYaml(file: string, text: string, toOuter: ToOuter): Parsed {
  const counter = new LineCounter();
  let docs: Document.Parsed<ParsedNode>[];
  try {
    const all = parseAllDocuments(text, {
      lineCounter: counter,
      prettyErrors: false,
      uniqueKeys: false,
    });
    docs = Array.isArray(all) ? all : [];
  } catch (e) {
    // The parser recurses per level of flow nesting ([[[...]]]): deep enough, it runs out of stack.
    const message =
      e instanceof RangeError
        ? `YAML ${tooDeep}`
        : `YAML could not be parsed (${thrownMessage(e)}); ${notChecked}`;
    return {
      sources: [],
      findings: [refused(file, "yaml/parse", toOuter({ line: 1, column: 1 }), message)],
    };
  }
  const position = (offset: number): Position => {
    const { line, col } = counter.linePos(offset);
    return toOuter({ line, column: col });
  };
  // The first error of each document: what follows one is the parser losing its way.
  const errors = docs.flatMap((d) => d.errors.slice(0, 1));
  if (errors.length > 0) {
    return {
      sources: [],
      findings: errors.map((e) => {
        // The parser quotes the token it stopped at: a whole paragraph, for text that is no YAML.
        const message = e.message
          .split("\n")[0]!
          .replace(/: "(.{40})(?:[^"\\]|\\.){20,}"$/s, ': "$1..."');
        return parseFailure(
          file,
          "yaml/parse",
          position(e.pos[0]),
          message + yamlHint(text, e.code, message),
        );
      }),
    };
  }
  const sources: Parsed["sources"] = [];
  for (const doc of docs) {
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: limits.yamlAliases });
    } catch (e) {
      const alias = firstAlias(doc);
      const message =
        e instanceof ReferenceError || /alias/i.test(String(e))
          ? `YAML aliases expand past ${limits.yamlAliases} nodes (an alias bomb): refused; ${notChecked} Write the values out, or use fewer aliases.`
          : `YAML could not be read (${thrownMessage(e)}); ${notChecked}`;
      const where = alias === undefined ? position(doc.range[0]) : position(alias);
      return { sources: [], findings: [refused(file, "yaml/parse", where, message)] };
    }
    if (depthOver(data, limits.depth)) {
      return {
        sources: [],
        findings: [refused(file, "yaml/parse", position(doc.range[0]), `YAML ${tooDeep}`)],
      };
    }
    sources.push({ source: yamlSource(text, doc, counter, toOuter), data });
  }
  return { sources, findings: [] };
}

/**
 * The documents of a text (JSON is one, YAML may hold several), or why it cannot be read.
 * Brackets nest JSON and YAML's flow collections alike: both are refused past the depth limit
 * before a parser (which recurses) sees them.
 */
function parseText(file: string, text: string, json: boolean, toOuter: ToOuter): Parsed {
  const deep = tooDeepAt(text, limits.depth);
  if (deep !== undefined) {
    const rule = json ? "json/parse" : "yaml/parse";
    const what = json ? "JSON" : "YAML";
    return {
      sources: [],
      findings: [refused(file, rule, toOuter(positionAt(text, deep)), `${what} ${tooDeep}`)],
    };
  }
  return json ? parseJson(file, text, toOuter) : parseYaml(file, text, toOuter);
}

/** What the reader collects from every document of a file. */
interface Collected {
  dashboards: {
    source: Source;
    base: Path;
    dashboard: DashboardSource;
    original: (pointer: string) => string;
  }[];
  rules: { source: Source; data: Json; read: RuleFileRead; wrapped: boolean }[];
  findings: Finding[];
  unsupported: string[];
}

const slugOf = (file: string) => file.replace(/^.*\//, "").replace(/\.[^.]*$/, "");

function collect(
  file: string,
  source: Source,
  data: unknown,
  documentIndex: number,
  out: Collected,
): void {
  for (const shape of shapesOf(data)) {
    switch (shape.kind) {
      case "dashboard": {
        const count = out.dashboards.length;
        const migrated = migrateDashboard(shape.data);
        out.dashboards.push({
          source,
          base: shape.path,
          original: migrated?.original ?? ((p) => p),
          dashboard: {
            file,
            slug: shape.name ?? (count === 0 ? slugOf(file) : `${slugOf(file)}-${count + 1}`),
            // Checks walk dashboards leniently (model/walk.ts): any JSON object will do.
            dashboard: (migrated?.dashboard ?? shape.data) as unknown as Dashboard,
            fromFile: true,
          },
        });
        break;
      }
      case "rules": {
        if (!shape.wrapped && documentIndex > 0) {
          // Prometheus reads the first document of a rule file and ignores the others.
          const ignored = Array.isArray(shape.data.groups) && shape.data.groups.length > 0;
          out.findings.push({
            rule: "check/input",
            severity: ignored ? "warning" : "info",
            where: { file, ...at(source, shape.path) },
            message: `Document ${documentIndex + 1} of a rule file: Prometheus reads only the first document of a rule file, so ${ignored ? "these groups are never loaded. Move them into the first document (or a file of their own)" : "this one is ignored"}.`,
          });
          if (!ignored) break;
        }
        const read = readRuleGroups(file, shape.data, shape.path, {
          text: source.text,
          locate: source.locate,
          span: source.span,
          fileLine: (line) => source.toOuter({ line, column: 1 }).line,
        });
        out.rules.push({
          source,
          data: shape.data,
          read,
          wrapped: shape.wrapped || documentIndex > 0,
        });
        out.findings.push(...read.findings);
        break;
      }
      case "embedded": {
        const json = /\.json$/i.test(shape.name) || /^\s*[[{]/.test(shape.text);
        const inner = parseText(file, shape.text, json, source.embedded(shape.path));
        // A ConfigMap also holds configs that are neither: only what parses and is one counts.
        const found = inner.sources.flatMap((s, i) =>
          shapesOf(s.data).length > 0 ? [[s, i] as const] : [],
        );
        if (
          found.length === 0 &&
          inner.findings.length > 0 &&
          /\.(json|ya?ml|rules)$/i.test(shape.name)
        ) {
          out.findings.push(...inner.findings);
        }
        for (const [s, i] of found) collect(file, s.source, s.data, i, out);
        break;
      }
      case "unsupported":
        out.unsupported.push(shape.why);
        if (shape.report) {
          out.findings.push({
            rule: "check/input",
            severity: "warning",
            where: { file, ...at(source, shape.path) },
            message: `Not checked: ${shape.why}`,
          });
        }
    }
  }
}

/** Empty documents: what Prometheus reads as a rule file without rules (`{}`, nothing at all). */
const isEmpty = (data: unknown) =>
  data === null || data === undefined || (isObject(data) && Object.keys(data).length === 0);

/** Where each finding is, by the source that holds it: each source searched once, for all. */
function locateAll(out: Collected, wheres: readonly Where[]): (FilePosition | undefined)[] {
  const wanted = new Map<Source, { index: number; path: Path; pointer?: string }[]>();
  const want = (source: Source, index: number, path: Path, pointer?: string) => {
    const list = wanted.get(source) ?? [];
    list.push({ index, path, pointer });
    wanted.set(source, list);
  };
  wheres.forEach((where, index) => {
    if (where.group !== undefined) {
      for (const r of out.rules) {
        const base = rulePath(r.read, where);
        if (base) return want(r.source, index, [...base, ...pointerPath(where.pointer ?? "")]);
      }
      return;
    }
    if (where.pointer === undefined) return;
    const d =
      out.dashboards.find(
        (x) => where.dashboard !== undefined && dashboardUid(x.dashboard) === where.dashboard,
      ) ?? (out.dashboards.length === 1 ? out.dashboards[0] : undefined);
    if (!d) return;
    const pointer = d.original(where.pointer);
    want(
      d.source,
      index,
      [...d.base, ...pointerPath(pointer)],
      pointer !== where.pointer ? pointer : undefined,
    );
  });
  const found: (FilePosition | undefined)[] = wheres.map(() => undefined);
  for (const [source, list] of wanted) {
    const positions = source.locate(list.map((w) => w.path));
    list.forEach(({ index, pointer }, i) => {
      const p = positions[i];
      if (p) found[index] = pointer === undefined ? p : { ...p, pointer };
    });
  }
  return found;
}

/**
 * Where each rule of a rule file is, for promtool's messages: every rule found at once, when
 * first asked (a rule beyond its group's list: the group).
 */
function ruleLocator(r: Collected["rules"][number]): RuleFileUnit["locateRule"] {
  let positions: Map<string, Position | undefined> | undefined;
  return (group, index) => {
    if (!positions) {
      const groups = asArray(r.data.groups);
      const paths = [...r.read.groupPaths].flatMap(([name, base]) => {
        const g = groups[base[base.length - 1] as number];
        const rules = asArray(isObject(g) ? g.rules : undefined);
        return [
          { key: name, path: base },
          ...rules.map((_, i) => ({ key: `${name}\u0000${i}`, path: [...base, "rules", i] })),
        ];
      });
      const found = r.source.locate(paths.map((p) => p.path));
      positions = new Map(paths.map((p, i) => [p.key, found[i]]));
    }
    return positions.get(`${group}\u0000${index}`) ?? positions.get(group);
  };
}

/** Read one file given to `npm run check`: its dashboards and rule groups, or findings. */
export function parseInput(file: string, text: string): ParsedInput {
  const body = text.replace(/^\uFEFF/, "");
  const parsed = parseText(file, body, /\.json$/i.test(file), identity);
  const out: Collected = {
    dashboards: [],
    rules: [],
    findings: [...parsed.findings],
    unsupported: [],
  };
  parsed.sources.forEach(({ source, data }, i) => collect(file, source, data, i, out));
  const empty = parsed.findings.length === 0 && parsed.sources.every((s) => isEmpty(s.data));
  const nothing = out.dashboards.length === 0 && out.rules.length === 0;
  const skipped =
    parsed.findings.length > 0 || !nothing || empty
      ? undefined
      : (out.unsupported[0] ?? "neither a Grafana dashboard nor a Prometheus rule file");
  return {
    file,
    dashboards: out.dashboards.map((d) => d.dashboard),
    ruleGroups: out.rules.flatMap((r) => r.read.groups),
    logRuleGroups: out.rules.flatMap((r) => r.read.logGroups),
    findings: out.findings,
    ...(skipped ? { skipped } : {}),
    suppressions: out.rules.flatMap((r) => r.read.fileSuppressions),
    // promtool reads Prometheus rules: a Loki ruler's groups are left out of what it gets.
    ruleFiles: out.rules
      .filter((r) => r.read.groups.length > 0 || r.read.logGroups.length === 0)
      .map((r) => {
        const cut = r.wrapped || r.source.toOuter !== identity || r.read.logGroups.length > 0;
        const groups = asArray(r.data.groups).filter(
          (_g, i) => !r.read.logGroupIndexes.includes(i),
        );
        return {
          // A rule file cut out of its wrapper (JSON is YAML to promtool).
          ...(cut ? { text: JSON.stringify({ groups }) } : {}),
          locateRule: ruleLocator(r),
        };
      }),
    locate: (wheres) => locateAll(out, wheres),
    locateText(needle) {
      const offset = body.indexOf(needle);
      return offset < 0 ? undefined : positionAt(body, offset);
    },
  };
}
