/**
 * Dashboards compared as people read them: added, removed, renamed; per dashboard its panels
 * (added, removed, moved, resized, retitled; per panel each query, legend, unit, thresholds,
 * description), variables, links, description and tags.
 */
import * as walk from "../model/walk.ts";
import type { Json, PanelRef } from "../model/walk.ts";
import { byText, compareFields, explain, field, pairs, statusOf } from "./changes.ts";
import type { FieldChange, FieldKind, Fields, Status, ThresholdChange } from "./changes.ts";
import type { SnapshotDashboard } from "./snapshot.ts";

export interface PanelChange {
  id?: number;
  title: string;
  type: string;
  status: Status;
  fields: FieldChange[];
}

export interface DashboardChange {
  uid: string;
  title: string;
  file: string;
  status: Status;
  fields: FieldChange[];
  panels: PanelChange[];
}

interface Grid {
  x: number;
  y: number;
  w: number;
  h: number;
}

function grid(p: Json): Grid | undefined {
  const g = p.gridPos;
  if (!walk.isObject(g)) return undefined;
  const n = (v: unknown) => (typeof v === "number" ? v : 0);
  return { x: n(g.x), y: n(g.y), w: n(g.w), h: n(g.h) };
}

const defaults = (p: Json): Json =>
  walk.isObject(p.fieldConfig) && walk.isObject(p.fieldConfig.defaults)
    ? p.fieldConfig.defaults
    : {};

/** Threshold steps in words: `green, orange from 0.05, red from 0.2`. */
function steps(p: Json): string | undefined {
  const t = defaults(p).thresholds;
  if (!walk.isObject(t)) return undefined;
  const list = walk.asArray(t.steps).filter(walk.isObject);
  if (list.length === 0) return undefined;
  return list
    .map((s) =>
      typeof s.value === "number" ? `${walk.str(s.color)} from ${s.value}` : walk.str(s.color),
    )
    .join(", ");
}

const num = (v: unknown): string | undefined => (typeof v === "number" ? String(v) : undefined);

/** Everything a reader compares on a panel, as named fields. */
function panelFields(ref: PanelRef): Fields {
  const p = ref.panel;
  const out: Fields = new Map();
  const set = (name: string, kind: FieldKind, v: string | undefined) => {
    if (v !== undefined && v !== "") out.set(name, [v, kind]);
  };
  set("type", "value", ref.type);
  const g = grid(p);
  if (g) {
    set("position", "value", `x ${g.x}, y ${g.y}`);
    set("size", "value", `${g.w}×${g.h}`);
  }
  for (const t of walk.targetsOf(ref)) {
    set(`query ${t.refId}`, "code", t.expr);
    set(`legend ${t.refId}`, "value", walk.str(t.target.legendFormat));
  }
  const d = defaults(p);
  set("unit", "value", walk.str(d.unit));
  set("min", "value", num(d.min));
  set("max", "value", num(d.max));
  set("thresholds", "value", steps(p));
  set("description", "text", walk.str(p.description));
  return out;
}

const queries = (ref: PanelRef) =>
  walk
    .targetsOf(ref)
    .map((t) => t.expr)
    .join("\n");

/**
 * Panels are matched by id (derived from the title, so stable across moves); an unmatched
 * removed and added pair with the same queries, or the same type and place, is one panel
 * retitled.
 */
function matchPanels(
  before: PanelRef[],
  after: PanelRef[],
): [PanelRef | undefined, PanelRef | undefined][] {
  const key = (r: PanelRef) => `${r.id ?? r.title}`;
  const matched = pairs(before, after, key);
  const removed = matched.filter(([b, a]) => b && !a).map(([b]) => b!);
  const added = matched.filter(([b, a]) => a && !b).map(([, a]) => a!);
  const same = (b: PanelRef, a: PanelRef) =>
    b.type === a.type &&
    ((queries(b) !== "" && queries(b) === queries(a)) ||
      JSON.stringify(grid(b.panel)) === JSON.stringify(grid(a.panel)));
  const retitled = new Map<PanelRef, PanelRef>();
  for (const b of removed) {
    const a = added.find((x) => ![...retitled.values()].includes(x) && same(b, x));
    if (a) retitled.set(b, a);
  }
  const taken = new Set(retitled.values());
  return [
    ...matched.filter(([b, a]) => (b && a) || (b && !retitled.has(b)) || (a && !taken.has(a))),
    ...[...retitled].map(([b, a]): [PanelRef, PanelRef] => [b, a]),
  ];
}

const place = (r: PanelRef | undefined): [number, number] => {
  const g = r && grid(r.panel);
  return g ? [g.y, g.x] : [Infinity, Infinity];
};

function comparePanels(before: Json, after: Json, thresholds: ThresholdChange[]): PanelChange[] {
  return matchPanels(walk.panelsOf(before), walk.panelsOf(after))
    .map(([b, a]): PanelChange & { at: [number, number] } => {
      const { status, shown } = statusOf(b, a);
      const fields =
        status === "changed"
          ? [
              ...field("title", "value", b!.title, a!.title),
              ...compareFields(panelFields(b!), panelFields(a!)),
            ]
          : compareFields(b && panelFields(b), a && panelFields(a)).filter(
              (f) => f.field !== "description",
            );
      return {
        ...(shown.id !== undefined ? { id: shown.id } : {}),
        title: shown.title,
        type: shown.type,
        status,
        fields: explain(fields, thresholds),
        at: place(shown),
      };
    })
    .filter((p) => p.status !== "changed" || p.fields.length > 0)
    .sort((x, y) => x.at[0] - y.at[0] || x.at[1] - y.at[1] || byText(x.title, y.title))
    .map(({ at: _at, ...p }) => p);
}

function variableText(v: Json): string {
  const query = walk.isObject(v.query) ? walk.str(v.query.query) : walk.str(v.query);
  const parts = [
    walk.str(v.type),
    query ? `query ${query}` : undefined,
    walk.str(v.label) ? `label "${walk.str(v.label)}"` : undefined,
  ];
  if (v.multi === true) parts.push("multi");
  if (v.includeAll === true) parts.push("All");
  return parts.filter((p) => p).join(", ");
}

function linkText(l: Json): string {
  const parts = [
    walk.str(l.type),
    walk.str(l.url),
    walk.asArray(l.tags).length > 0 ? `tags ${walk.asArray(l.tags).join(", ")}` : undefined,
  ];
  return parts.filter((p) => p).join(", ");
}

function dashboardFields(before: Json, after: Json, thresholds: ThresholdChange[]): FieldChange[] {
  const vars = pairs(walk.variablesOf(before), walk.variablesOf(after), (v) => v.name).flatMap(
    ([b, a]) =>
      field(
        `variable $${(a ?? b)!.name}`,
        "value",
        b && variableText(b.variable),
        a && variableText(a.variable),
      ),
  );
  const links = pairs(
    walk.asArray(before.links).filter(walk.isObject),
    walk.asArray(after.links).filter(walk.isObject),
    (l) => walk.str(l.title) ?? "",
  ).flatMap(([b, a]) =>
    field(`link "${walk.str((a ?? b)!.title) ?? ""}"`, "value", b && linkText(b), a && linkText(a)),
  );
  const tags = (d: Json) => walk.asArray(d.tags).map(String).join(", ");
  return explain(
    [
      ...field("description", "text", walk.str(before.description), walk.str(after.description)),
      ...field("tags", "value", tags(before), tags(after)),
      ...vars,
      ...links,
    ],
    thresholds,
  );
}

/** Dashboards paired by uid, then unmatched ones of the same title (a uid changed). */
export function compareDashboards(
  before: readonly SnapshotDashboard[],
  after: readonly SnapshotDashboard[],
  thresholds: ThresholdChange[],
): DashboardChange[] {
  let matched = pairs(before, after, (d) => d.uid);
  const removed = matched.filter(([b, a]) => b && !a).map(([b]) => b!);
  for (const b of removed) {
    const i = matched.findIndex(([x, a]) => !x && a && a.title === b.title);
    if (i < 0) continue;
    const a = matched[i]![1]!;
    matched = matched.filter(([x, y]) => x !== b && y !== a);
    matched.push([b, a]);
  }
  const empty: Json = {};
  return matched
    .map(([b, a]): DashboardChange => {
      const { status, shown } = statusOf(b, a);
      const fields =
        status === "changed"
          ? [
              ...field("uid", "value", b!.uid, a!.uid),
              ...field("title", "value", b!.title, a!.title),
              ...dashboardFields(b!.dashboard, a!.dashboard, thresholds),
            ]
          : [];
      const panels =
        status === "changed"
          ? comparePanels(b!.dashboard, a!.dashboard, thresholds)
          : comparePanels(b?.dashboard ?? empty, a?.dashboard ?? empty, thresholds);
      return { uid: shown.uid, title: shown.title, file: shown.file, status, fields, panels };
    })
    .filter((d) => d.status !== "changed" || d.fields.length + d.panels.length > 0)
    .sort((x, y) => byText(x.uid, y.uid));
}
