/**
 * The migrations Grafana runs when it loads an old dashboard, as far as the checks need them:
 * `rows[]` (schemaVersion < 16) become panels with a gridPos (collapsed rows keep theirs
 * nested), and legacy panels' units (`yaxes[0].format` of a graph, `format` of a singlestat)
 * become `fieldConfig.defaults.unit`. The result is a copy; `original` maps a pointer in it
 * back to where the thing is in the file.
 */
import { asArray, isObject, str, type Json } from "../model/walk.ts";

export interface Migrated {
  dashboard: Json;
  original(pointer: string): string;
}

const columns = 24;
/** A legacy row's height in pixels as grid units (30 px cells with an 8 px margin). */
const gridHeight = (px: unknown): number => {
  const n = typeof px === "number" ? px : Number.parseFloat(str(px) ?? "");
  return Math.ceil(Math.max(Number.isFinite(n) ? n : 250, 90) / 38);
};

/** The unit a legacy panel sets in its own way, and where. */
function legacyUnit(panel: Json): { unit: string; at: string } | undefined {
  if (panel.type === "graph") {
    const unit = str((asArray(panel.yaxes)[0] as Json | undefined)?.format);
    return unit ? { unit, at: "/yaxes/0/format" } : undefined;
  }
  if (panel.type === "singlestat" || panel.type === "grafana-singlestat-panel") {
    const unit = str(panel.format);
    return unit ? { unit, at: "/format" } : undefined;
  }
  return undefined;
}

export function migrateDashboard(input: Json): Migrated | undefined {
  const moves: [string, string][] = [];
  const rows = asArray(input.rows);
  const needsUnits = (p: unknown) => isObject(p) && legacyUnit(p) !== undefined;
  const everyPanel = [
    ...asArray(input.panels),
    ...asArray(input.panels).flatMap((p) => (isObject(p) ? asArray(p.panels) : [])),
    ...rows.flatMap((r) => (isObject(r) ? asArray(r.panels) : [])),
  ];
  if (rows.length === 0 && !everyPanel.some(needsUnits)) return undefined;
  const dashboard = structuredClone(input);
  if (rows.length > 0) {
    const panels: unknown[] = [...asArray(dashboard.panels)];
    const showRows = rows.some(
      (r) => isObject(r) && (r.collapse === true || r.showTitle === true || !!r.repeat),
    );
    let y = 0;
    rows.forEach((row, i) => {
      if (!isObject(row)) return;
      const h = gridHeight(row.height);
      const collapsed = row.collapse === true;
      const rowPanel: Json | undefined = showRows
        ? {
            type: "row",
            title: str(row.title) ?? "",
            collapsed,
            gridPos: { x: 0, y: y++, w: columns, h: 1 },
            panels: [],
          }
        : undefined;
      if (rowPanel) {
        moves.push([`/panels/${panels.length}`, `/rows/${i}`]);
        panels.push(rowPanel);
      }
      let x = 0;
      let top = y;
      asArray(row.panels).forEach((p, j) => {
        if (!isObject(p)) return;
        const span = typeof p.span === "number" ? p.span : 4;
        const w = Math.min(columns, Math.max(1, Math.floor(span * 2)));
        if (x + w > columns) {
          x = 0;
          top += h;
        }
        const { span: _span, ...rest } = p;
        const panel = { ...rest, gridPos: { x, y: top, w, h } };
        x += w;
        const into = rowPanel && collapsed ? (rowPanel.panels as unknown[]) : panels;
        const at =
          rowPanel && collapsed
            ? `/panels/${panels.length - 1}/panels/${into.length}`
            : `/panels/${into.length}`;
        moves.push([at, `/rows/${i}/panels/${j}`]);
        into.push(panel);
      });
      if (!collapsed) y = top + h;
    });
    dashboard.panels = panels;
    delete dashboard.rows;
  }
  const visit = (list: unknown[], prefix: string) =>
    list.forEach((p, i) => {
      if (!isObject(p)) return;
      const legacy = legacyUnit(p);
      const fc = isObject(p.fieldConfig) ? p.fieldConfig : {};
      const defaults = isObject(fc.defaults) ? fc.defaults : {};
      if (legacy && !str(defaults.unit)) {
        p.fieldConfig = { ...fc, defaults: { ...defaults, unit: legacy.unit } };
        const from = resolveMoves(moves, `${prefix}/${i}`);
        moves.push([`${prefix}/${i}/fieldConfig/defaults/unit`, `${from}${legacy.at}`]);
      }
      visit(asArray(p.panels), `${prefix}/${i}/panels`);
    });
  visit(asArray(dashboard.panels), "/panels");
  return { dashboard, original: (pointer) => resolveMoves(moves, pointer) };
}

/** A pointer of the migrated dashboard as it is in the file: the longest moved prefix wins. */
function resolveMoves(moves: readonly [string, string][], pointer: string): string {
  let best: [string, string] | undefined;
  for (const m of moves) {
    if (
      (pointer === m[0] || pointer.startsWith(`${m[0]}/`)) &&
      (!best || m[0].length > best[0].length)
    )
      best = m;
  }
  return best ? best[1] + pointer.slice(best[0].length) : pointer;
}
