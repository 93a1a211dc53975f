import type { Dashboard, Panel, RowPanel } from "@grafana/grafana-foundation-sdk/dashboard";
import { gridWidth } from "../../scripts/authoring/index.ts";
import { defaultSize } from "./panels.ts";

/**
 * A panel id derived from the panel's title (unique within a dashboard), so it survives
 * panels being inserted, removed or moved: links, annotations and reviewers' diffs stay put.
 * FNV-1a, folded to a positive 31-bit integer.
 */
export function stablePanelId(key: string): number {
  let h = 0x811c9dc5;
  for (const ch of new TextEncoder().encode(key)) {
    h ^= ch;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % 0x7fffffff) + 1;
}

type AnyPanel = Panel | RowPanel;
type Size = { w: number; h: number };

/** Pack panels left to right in rows of 24 columns, starting at `y`; returns the next free y. */
function pack(panels: Panel[], y: number): number {
  let x = 0;
  let lineHeight = 0;
  for (const p of panels) {
    const { w, h } = (p.gridPos ?? { w: defaultSize.width, h: defaultSize.height }) as Size;
    const width = Math.min(Math.max(w, 1), gridWidth);
    if (x + width > gridWidth) {
      y += lineHeight;
      x = 0;
      lineHeight = 0;
    }
    p.gridPos = { x, y, w: width, h };
    p.id = stablePanelId(p.title ?? "");
    x += width;
    lineHeight = Math.max(lineHeight, h);
  }
  return y + lineHeight;
}

/**
 * Lay the dashboard out ourselves (the SDK's automatic gridPos can run past 24 columns):
 * every row is a full-width header followed by its panels packed in lines, never overlapping.
 * A collapsed row keeps its panels inside it, positioned as they will be when expanded.
 * Returns a new plain-JSON dashboard (the SDK's marker methods dropped); the input is not modified.
 */
export function layout(dashboard: Dashboard): Dashboard {
  const out = JSON.parse(JSON.stringify(dashboard)) as Dashboard;
  const top = (out.panels ?? []) as AnyPanel[];
  let y = 0;
  let pending: Panel[] = [];
  const flush = () => {
    y = pack(pending, y);
    pending = [];
  };
  for (const p of top) {
    if (p.type !== "row") {
      pending.push(p as Panel);
      continue;
    }
    flush();
    const row = p as RowPanel;
    row.gridPos = { x: 0, y, w: gridWidth, h: 1 };
    row.id = stablePanelId(`row:${row.title ?? ""}`);
    y += 1;
    if (row.collapsed) pack(row.panels ?? [], y);
  }
  flush();
  return out;
}
