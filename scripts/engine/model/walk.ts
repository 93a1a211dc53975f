/**
 * Lenient access to dashboard JSON. Checks also run on dashboards exported from the Grafana UI
 * or written by other teams (old schemaVersions, legacy panels, rows with nested panels,
 * missing fields), so nothing here assumes a field exists or has the right type.
 */
import { datasourcePlugin, targetLanguage, type QueryLanguage } from "./datasources.ts";

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);

export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export interface PanelRef {
  panel: Json;
  /** The dashboard the panel is on: its variables and inputs say what datasources are. */
  root: Json;
  /** JSON pointer of the panel in the dashboard. */
  pointer: string;
  id?: number;
  title: string;
  type: string;
}

export interface TargetRef {
  target: Json;
  pointer: string;
  refId: string;
  expr: string;
  /** Plugin id of the target's datasource (its own, or its panel's), if the dashboard says. */
  datasourceType?: string;
  /** What its query is written in; undefined for datasources that run neither. */
  language?: QueryLanguage;
}

const describePanel = (root: Json, panel: Json, pointer: string): PanelRef => ({
  panel,
  root,
  pointer,
  id: typeof panel.id === "number" ? panel.id : undefined,
  title: str(panel.title) ?? "",
  type: str(panel.type) ?? "",
});

/** Every panel, rows included, with the panels nested in collapsed (or legacy) rows. */
export function panelsOf(dashboard: unknown): PanelRef[] {
  if (!isObject(dashboard)) return [];
  const out: PanelRef[] = [];
  asArray(dashboard.panels).forEach((p, i) => {
    if (!isObject(p)) return;
    out.push(describePanel(dashboard, p, `/panels/${i}`));
    asArray(p.panels).forEach((child, j) => {
      if (isObject(child)) out.push(describePanel(dashboard, child, `/panels/${i}/panels/${j}`));
    });
  });
  // schemaVersion < 16 dashboards keep panels under rows[].panels.
  asArray(dashboard.rows).forEach((row, i) => {
    if (!isObject(row)) return;
    asArray(row.panels).forEach((p, j) => {
      if (isObject(p)) out.push(describePanel(dashboard, p, `/rows/${i}/panels/${j}`));
    });
  });
  return out;
}

/** The queries of a panel, with the datasource each one runs against and its language. */
export function targetsOf(ref: PanelRef): TargetRef[] {
  const panelPlugin = datasourcePlugin(ref.root, ref.panel.datasource);
  return asArray(ref.panel.targets).flatMap((t, i): TargetRef[] => {
    if (!isObject(t)) return [];
    const own = datasourcePlugin(ref.root, t.datasource);
    // A mixed panel's targets each name their datasource; one that does not uses the default.
    const plugin = own ?? (panelPlugin === "mixed" ? undefined : panelPlugin);
    const expr = str(t.expr) ?? "";
    return [
      {
        target: t,
        pointer: `${ref.pointer}/targets/${i}`,
        refId: str(t.refId) ?? String(i),
        expr,
        ...(plugin !== undefined ? { datasourceType: plugin } : {}),
        language: targetLanguage(plugin, expr),
      },
    ];
  });
}

/** Template variables of a dashboard. */
export function variablesOf(
  dashboard: unknown,
): { variable: Json; pointer: string; name: string }[] {
  if (!isObject(dashboard) || !isObject(dashboard.templating)) return [];
  return asArray(dashboard.templating.list).flatMap((v, i) =>
    isObject(v) ? [{ variable: v, pointer: `/templating/list/${i}`, name: str(v.name) ?? "" }] : [],
  );
}

/** `label_values(sel, label)`, `query_result(expr)` and friends, as PromQL plus the label. */
export function variableQuery(query: string): { expr: string; label?: string } | undefined {
  const q = query.trim();
  const lv = q.match(/^label_values\(\s*(.+?)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/s);
  if (lv) return { expr: lv[1]!, label: lv[2]! };
  const qr = q.match(/^query_result\(\s*(.+)\s*\)$/s);
  if (qr) return { expr: qr[1]! };
  // label_values(label), label_names(), metrics(regex): no PromQL to check.
  return undefined;
}
