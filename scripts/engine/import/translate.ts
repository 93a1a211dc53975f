/**
 * A dashboard (read and normalised: read.ts) as this project's source, pure: `defineDashboard`
 * with rows; a panel that `panel(spec)` makes exactly becomes a panel spec, any other an SDK
 * builder (builders.ts), and what neither says is kept as exported and listed. The frame
 * `defineDashboard` adds (datasource, job and instance variables, the Logs row, the platform
 * link) is recognised and left to it.
 */
import { asArray, isObject, str, type Json } from "../model/walk.ts";
import {
  asExportedCode,
  builderFor,
  literal,
  viaBuilder,
  type Code,
  type Nested,
} from "./builders.ts";
import { exprCode, queriesCode, type Uses } from "./exprs.ts";
import { residue, same } from "./residue.ts";
import type { Sdk } from "./sdk.ts";
import type { Style } from "./style.ts";

export interface Loss {
  /** JSON pointer in the normalised dashboard. */
  at: string;
  message: string;
}

export interface Translation {
  /** The module's text, before formatting. */
  source: string;
  /** What the module's `defineDashboard` call is given, evaluated here. */
  spec: Json;
  losses: Loss[];
}

export interface TranslateOptions {
  slug: string;
  /** platform.components key whose frame (job/instance variables, Logs row) to look for. */
  component?: string;
  /** Where each panel was in the normalised dashboard (before its rows were re-ordered). */
  pointerOf(panel: Json): string;
}

/** A panel without what layout() decides (ids, x and y), for comparing. */
function placed(p: unknown): unknown {
  if (!isObject(p)) return p;
  const { id: _id, gridPos, panels, ...rest } = p;
  const g = isObject(gridPos) ? { w: gridPos.w, h: gridPos.h } : undefined;
  return {
    ...rest,
    ...(g ? { gridPos: g } : {}),
    ...(panels !== undefined ? { panels: asArray(panels).map(placed) } : {}),
  };
}

const defaults = (p: Json): Json =>
  isObject(p.fieldConfig) && isObject(p.fieldConfig.defaults) ? p.fieldConfig.defaults : {};

/** The threshold specs a panel's steps may come from (panels.ts writes them one way). */
function thresholdCandidates(p: Json): (Json | undefined)[] {
  const t = defaults(p).thresholds;
  const steps = isObject(t) ? asArray(t.steps).filter(isObject) : [];
  const at = (color: string) => steps.find((s) => s.color === color)?.value;
  const num = (v: unknown) => (typeof v === "number" ? v : undefined);
  const up: Json = {};
  const down: Json = { below: true };
  const warn = num(at("orange"));
  const critical = num(at("red"));
  const green = num(at("green"));
  if (warn !== undefined) up.warn = warn;
  if (critical !== undefined) up.critical = critical;
  // Low is bad: the step that hands over to green is the better level.
  const values = steps.map((s) => num(s.value)).filter((v): v is number => v !== undefined);
  if (steps.length === 3) Object.assign(down, { warn: values[1], critical: values[0] });
  if (steps.length === 2) down[steps[0]!.color === "red" ? "critical" : "warn"] = green;
  // More than two lines: each value with its colour above the green base.
  const levels = steps.slice(1).map((s) => [num(s.value), s.color]);
  const many = steps[0]?.color === "green" ? [{ levels }] : [];
  return [undefined, up, down, ...many];
}

const kinds = ["timeseries", "stat", "logs", "heatmap", "table"];

/** Header links to another dashboard of ours, as `links` of a spec says them (`/d/<slug>?...`). */
function panelLinks(p: Json): Json {
  const links = asArray(p.links).filter(isObject);
  if (links.length === 0) return {};
  const said = links.map((l) => {
    const m = /^\/d\/([\w-]+)\?\$\{__url_time_range\}$/.exec(str(l.url) ?? "");
    return m ? { title: str(l.title) ?? "", dashboard: m[1]! } : undefined;
  });
  return said.every((l) => l !== undefined) ? { links: said } : {};
}

/** The panel specs that could make `p`; the first that `panel()` makes exactly wins. */
function specCandidates(p: Json, style: Style, defaultSize: { w: number; h: number }): Json[] {
  if (!kinds.includes(str(p.type) ?? "") || typeof p.title !== "string") return [];
  if (typeof p.description !== "string") return [];
  const d = defaults(p);
  const custom = isObject(d.custom) ? d.custom : {};
  const loki = isObject(p.datasource) && p.datasource.uid === style.lokiRef.uid;
  const kind =
    p.type === "timeseries" && loki && custom.drawStyle === "bars" ? "logvolume" : p.type;
  const g = isObject(p.gridPos) ? p.gridPos : {};
  const queries = asArray(p.targets)
    .filter(isObject)
    .map((t) => {
      const legend = str(t.legendFormat);
      const implicit = kind === "logs" || kind === "logvolume" ? "" : "__auto";
      const format = str(t.format);
      return {
        expr: str(t.expr) ?? "",
        ...(legend !== implicit ? { legend } : {}),
        ...(format === "heatmap" || format === "table" ? { format } : {}),
      };
    });
  const base: Json = {
    kind,
    title: p.title,
    description: p.description,
    ...(typeof d.unit === "string" && !(d.unit === "none" && kind !== "logs")
      ? { unit: d.unit }
      : {}),
    ...(isObject(custom.stacking) && custom.stacking.mode === "normal" && kind === "timeseries"
      ? { stacked: true }
      : {}),
    ...(typeof d.min === "number" ? { min: d.min } : {}),
    ...(typeof d.max === "number" ? { max: d.max } : {}),
    ...(g.w !== defaultSize.w ? { width: g.w } : {}),
    ...(g.h !== defaultSize.h ? { height: g.h } : {}),
    ...panelLinks(p),
  };
  return thresholdCandidates(p).map((t) => ({
    ...base,
    ...(t ? { thresholds: t } : {}),
    queries,
  }));
}

/** A platform threshold a number is, when exactly one has that value and it is not a round one. */
function thresholdName(v: unknown, style: Style): string | undefined {
  if (typeof v !== "number" || Number.isInteger(v)) return undefined;
  const found: string[] = [];
  const walk = (o: unknown, path: string) => {
    if (typeof o === "number" && o === v) found.push(path);
    else if (isObject(o)) for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
  };
  walk(style.thresholds, "thresholds");
  return found.length === 1 ? found[0] : undefined;
}

function specCode(spec: Json, style: Style, uses: Uses, names: Set<string>): string {
  const fields = Object.entries(spec).map(([k, v]) => {
    if (k === "queries") {
      return `queries: ${queriesCode(v as { expr: string; legend?: string }[], style, uses)}`;
    }
    if (k === "thresholds" && isObject(v)) {
      const inner = Object.entries(v).map(([tk, tv]) => {
        const name = thresholdName(tv, style);
        if (name) names.add("thresholds");
        return `${tk}: ${name ?? literal(tv)}`;
      });
      return `thresholds: { ${inner.join(", ")} }`;
    }
    return `${k}: ${literal(v)}`;
  });
  return `{ ${fields.join(", ")} }`;
}

/** Panels that Grafana repeats, and the copies it made of them when it exported. */
const isRepeatCopy = (p: Json) => p.repeatPanelId !== undefined || p.repeatIteration !== undefined;

interface Context {
  sdk: Sdk;
  style: Style;
  uses: Uses;
  names: Set<string>;
  modules: Set<string>;
  losses: Loss[];
}

/** The nested-builder choice for builders.ts: a target's builder by its datasource. */
function nestedFor(ctx: Context, datasourceHint: () => string | undefined): Nested {
  const nested: Nested = (type, json, at) => {
    const hint =
      type === "cog.Dataquery"
        ? (str(isObject(json.datasource) ? json.datasource.type : undefined) ?? datasourceHint())
        : undefined;
    const cls = builderFor(ctx.sdk, type, json, hint);
    if (!cls) {
      return asExportedCode(
        json,
        at,
        type === "cog.Dataquery"
          ? `no query builder for datasource type "${hint ?? "unknown"}"`
          : `no builder for ${type}${json.type ? ` of type "${String(json.type)}"` : ""}`,
      );
    }
    return viaBuilder(cls, json, at, nested);
  };
  return nested;
}

function record(ctx: Context, code: Code): Code {
  code.modules.forEach((m) => ctx.modules.add(m));
  for (const k of code.kept) {
    ctx.losses.push({ at: k.at, message: `kept as exported (${k.why})` });
  }
  return code;
}

function panelCode(ctx: Context, p: Json, at: string, size: { w: number; h: number }): Code {
  for (const spec of specCandidates(p, ctx.style, size)) {
    let built: unknown;
    try {
      built = ctx.style.panel(spec).build();
    } catch {
      continue;
    }
    if (same(placed(built), placed(p))) {
      return {
        text: specCode(spec, ctx.style, ctx.uses, ctx.names),
        value: spec,
        modules: new Set(),
        kept: [],
      };
    }
  }
  const ds = isObject(p.datasource) ? str(p.datasource.type) : undefined;
  const nested = nestedFor(ctx, () => ds);
  const { id: _id, gridPos, ...rest } = p;
  // x and y are the layout's to decide.
  const panel = isObject(gridPos) ? { ...rest, gridPos: { w: gridPos.w, h: gridPos.h } } : rest;
  return record(ctx, nested("dashboard.Panel", panel, at));
}

interface Row {
  row?: Json;
  at?: string;
  panels: Json[];
}

/** Top-level panels grouped under their rows, each group in reading order (y, then x). */
function rowsOf(dashboard: Json): Row[] {
  const rows: Row[] = [{ panels: [] }];
  for (const p of asArray(dashboard.panels).filter(isObject)) {
    if (p.type === "row") {
      rows.push({ row: p, panels: asArray(p.panels).filter(isObject) });
    } else rows[rows.length - 1]!.panels.push(p);
  }
  const pos = (p: Json, k: "x" | "y") =>
    isObject(p.gridPos) && typeof p.gridPos[k] === "number" ? p.gridPos[k] : 0;
  for (const r of rows)
    r.panels.sort((a, b) => pos(a, "y") - pos(b, "y") || pos(a, "x") - pos(b, "x"));
  return rows.filter((r, i) => i > 0 || r.panels.length > 0);
}

const variables = (d: Json): Json[] =>
  isObject(d.templating) ? asArray(d.templating.list).filter(isObject) : [];

/** What defineDashboard adds for a component, so that it is left to it. */
function frameOf(style: Style, component: string | undefined, d: Json) {
  const framed = (c: unknown) =>
    style.defineDashboard({
      slug: "frame",
      title: "frame",
      description: "",
      tags: [],
      ...(c ? { component: c } : {}),
      rows: [],
    }).dashboard as Json;
  const bare = framed(undefined);
  const c = component ? style.components[component] : undefined;
  const full = c ? framed(c) : undefined;
  const vars = variables(d);
  const has = (list: Json[]) => list.every((v) => vars.some((x) => same(x, v)));
  // The input's datasource variables were replaced by the project's already (read.ts).
  const framedVars = full ? variables(full).filter((v) => v.type !== "datasource") : [];
  const logs = full ? asArray(full.panels).filter(isObject) : [];
  const top = asArray(d.panels).filter(isObject);
  const tail = top.slice(top.length - logs.length);
  const matches =
    full !== undefined &&
    has(framedVars) &&
    logs.length > 0 &&
    same(tail.map(placed), logs.map(placed));
  return { bare, full: matches ? full : undefined, logsCount: matches ? logs.length : 0 };
}

export function translate(
  input: Json,
  sdk: Sdk,
  style: Style,
  opts: TranslateOptions,
): Translation {
  const ctx: Context = {
    sdk,
    style,
    uses: new Set(),
    names: new Set(),
    modules: new Set(),
    losses: [],
  };
  const frame = frameOf(style, opts.component, input);
  const reference = frame.full ?? frame.bare;
  const given = new Set(variables(reference).map((v) => str(v.name)));
  const size = (() => {
    const b = style.panel({ kind: "timeseries", title: "", description: "", queries: [] }).build();
    const g = isObject(b) && isObject(b.gridPos) ? b.gridPos : {};
    return { w: Number(g.w), h: Number(g.h) };
  })();

  const fields: string[] = [];
  const spec: Json = {};
  const set = (key: string, code: string, value: unknown) => {
    fields.push(`${key}: ${code}`);
    spec[key] = value;
  };
  set("slug", literal(opts.slug), opts.slug);
  set("title", literal(str(input.title) ?? opts.slug), str(input.title) ?? opts.slug);
  set("description", literal(str(input.description) ?? ""), str(input.description) ?? "");
  const tags = asArray(input.tags).filter((t): t is string => typeof t === "string");
  const ownTags = tags[0] === style.platformTag ? tags.slice(1) : tags;
  set("tags", literal(ownTags), ownTags);
  if (frame.full && opts.component) {
    set("component", `platform.components.${opts.component}`, style.components[opts.component]);
  }
  for (const key of ["time", "refresh"] as const) {
    if (input[key] !== undefined && !same(input[key], reference[key])) {
      set(key, literal(input[key]), input[key]);
    }
  }
  const nested = nestedFor(ctx, () => undefined);
  const links = asArray(input.links).filter(isObject);
  if (!same(links, reference.links)) {
    const codes = links.map((l, i) =>
      record(ctx, nested("dashboard.DashboardLink", l, `/links/${i}`)),
    );
    set(
      "links",
      `[${codes.map((c) => c.text).join(", ")}]`,
      codes.map((c) => c.value),
    );
  }

  const own = variables(input).flatMap((v, i) => {
    const name = str(v.name) ?? "";
    if (given.has(name)) return [];
    const at = `/templating/list/${i}`;
    if (v.type === "query" && typeof v.query === "string") {
      const opts = {
        name,
        label: str(v.label) ?? "",
        query: v.query,
        ...(v.multi === true ? { multi: true } : {}),
      };
      if (same(style.labelVariable(opts).build(), v)) {
        ctx.names.add("labelVariable");
        const fieldsCode = Object.entries(opts).map(([k, x]) =>
          k === "query" ? `query: ${exprCode(String(x), style, ctx.uses)}` : `${k}: ${literal(x)}`,
        );
        const code: Code = {
          text: `labelVariable({ ${fieldsCode.join(", ")} })`,
          value: style.labelVariable(opts),
          modules: new Set(),
          kept: [],
        };
        return [code];
      }
    }
    return [record(ctx, nested("dashboard.VariableModel", v, at))];
  });
  if (own.length > 0) {
    set(
      "variables",
      `[${own.map((c) => c.text).join(", ")}]`,
      own.map((c) => c.value),
    );
  }

  const top = asArray(input.panels).filter(isObject);
  const body = { ...input, panels: top.slice(0, top.length - frame.logsCount) };
  const rows = rowsOf(body).map((r) => {
    const rowFields: string[] = [];
    const rowValue: Json = {};
    const put = (k: string, v: unknown) => {
      rowFields.push(`${k}: ${literal(v)}`);
      rowValue[k] = v;
    };
    if (r.row) {
      put("title", str(r.row.title) ?? "");
      if (r.row.collapsed === true) put("collapsed", true);
      if (typeof r.row.repeat === "string") put("repeat", r.row.repeat);
    }
    const panels = r.panels.flatMap((p) => {
      const at = opts.pointerOf(p);
      if (isRepeatCopy(p)) {
        ctx.losses.push({
          at,
          message: "a copy Grafana made of a repeated panel: left out, Grafana makes it again",
        });
        return [];
      }
      return [panelCode(ctx, p, at, size)];
    });
    rowFields.push(`panels: [${panels.map((c) => c.text).join(", ")}]`);
    rowValue.panels = panels.map((c) => c.value);
    return { text: `{ ${rowFields.join(", ")} }`, value: rowValue };
  });
  set(
    "rows",
    `[${rows.map((r) => r.text).join(", ")}]`,
    rows.map((r) => r.value),
  );

  // What the dashboard itself says beyond the spec: kept as exported.
  const built = style.defineDashboard(spec).dashboard as Json;
  // The uid is the slug (defineDashboard): links by uid follow it, reported when it changes.
  // Tags: defineDashboard adds the platform's; schemaVersion: the SDK's, what it builds is in.
  const {
    panels: _p,
    templating: _t,
    links: _l,
    tags: _tags,
    schemaVersion: _v,
    uid,
    ...rest
  } = input;
  if (typeof uid === "string" && uid !== opts.slug) {
    ctx.losses.push({
      at: "/uid",
      message: `uid "${uid}" becomes "${opts.slug}", the slug: links to the old uid break`,
    });
  }
  const extra = residue(rest, built);
  if (isObject(extra)) {
    for (const k of Object.keys(extra)) {
      ctx.losses.push({
        at: `/${k}`,
        message: "kept as exported (defineDashboard does not say it)",
      });
    }
    set("exported", literal(extra), extra);
    ctx.names.add("exported");
  }
  return { source: moduleText(fields, ctx), spec, losses: ctx.losses };
}

function moduleText(fields: string[], ctx: Context): string {
  const lines = [
    `/** Imported from Grafana by \`npm run import\`: edit it as any other dashboard source. */`,
  ];
  const platformNames = [
    ...(fields.some((f) => f.startsWith("component:")) ? ["platform"] : []),
    ...(ctx.uses.has("selectors") ? ["selectors"] : []),
    ...(ctx.names.has("thresholds") ? ["thresholds"] : []),
  ];
  if (platformNames.length > 0) {
    lines.push(`import { ${platformNames.join(", ")} } from "../config/platform.ts";`);
  }
  for (const m of [...ctx.modules].sort()) {
    lines.push(`import * as ${m} from "@grafana/grafana-foundation-sdk/${m}";`);
  }
  lines.push(`import { defineDashboard } from "./lib/dashboard.ts";`);
  const text = fields.join(",\n");
  const imported = ["asExported", "keptAsExported"].filter((n) => text.includes(`${n}(`));
  if (imported.length > 0)
    lines.push(`import { ${imported.join(", ")} } from "./lib/imported.ts";`);
  const promql = (["quantile", "quantiles", "sumRate"] as const).filter((n) => ctx.uses.has(n));
  if (promql.length > 0) lines.push(`import { ${promql.join(", ")} } from "./lib/promql.ts";`);
  const vars = [
    ...(ctx.uses.has("jobInstance") ? ["jobInstance"] : []),
    ...(ctx.names.has("labelVariable") ? ["labelVariable"] : []),
  ];
  if (vars.length > 0) lines.push(`import { ${vars.join(", ")} } from "./lib/variables.ts";`);
  return `${lines.join("\n")}\n\nexport default defineDashboard({\n${text},\n});\n`;
}
