import { gridWidth } from "../../model/dashboard.ts";
import { isObject, panelsOf, type Json } from "../../model/walk.ts";
import { atPanel, defineCheck, type Problem } from "../check.ts";

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const boxOf = (p: Json): Box | undefined => {
  const g = p.gridPos;
  if (!isObject(g)) return undefined;
  const [x, y, w, h] = [g.x, g.y, g.w, g.h].map((n) => (typeof n === "number" ? n : NaN));
  return [x, y, w, h].some((n) => Number.isNaN(n)) ? undefined : { x: x!, y: y!, w: w!, h: h! };
};

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Cells [c, c + 1) of the grid a box covers. */
const columnsOf = (b: Box): number[] => {
  const cols: number[] = [];
  for (let c = Math.max(0, Math.floor(b.x)); c < gridWidth && c < b.x + b.w; c++) cols.push(c);
  return cols;
};

/**
 * For each box (by index), the earlier boxes it overlaps. Per grid column, a sweep by y finds
 * the boxes whose heights meet there: n log n for a layout, not one comparison per pair.
 */
function overlapsByIndex(boxes: (Box | undefined)[]): number[][] {
  const found = boxes.map(() => new Set<number>());
  const columns = Array.from({ length: gridWidth }, () => [] as number[]);
  boxes.forEach((b, i) => b && columnsOf(b).forEach((c) => columns[c]!.push(i)));
  for (const column of columns) {
    column.sort((i, j) => boxes[i]!.y - boxes[j]!.y || i - j);
    let active: number[] = [];
    for (const i of column) {
      const box = boxes[i]!;
      active = active.filter((j) => boxes[j]!.y + boxes[j]!.h > box.y);
      for (const j of active) {
        if (!overlaps(box, boxes[j]!)) continue;
        found[Math.max(i, j)]!.add(Math.min(i, j));
      }
      active.push(i);
    }
  }
  return found.map((s) => [...s].sort((a, b) => a - b));
}

export const dashboardLayout = defineCheck({
  id: "dashboard/layout",
  description: `Panels sit inside the ${gridWidth}-column grid and never overlap.`,
  severity: "error",
  // Grafana's grid moves overlapping panels down and renumbers duplicate ids on load: for
  // another team's dashboard these are our house rules (stable ids, our own layout).
  profiles: { community: "off" },
  scope: "dashboard",
  check({ dashboard: d }) {
    const refs = panelsOf(d.dashboard).filter((r) => r.pointer.startsWith("/panels/"));
    // Panels inside a collapsed row share the space below it with the rows that follow,
    // so overlaps are only compared within the same level.
    const levels = new Map<string, number[]>();
    refs.forEach((ref, i) => {
      const level = ref.pointer.replace(/\/\d+$/, "");
      const members = levels.get(level) ?? [];
      if (members.push(i) === 1) levels.set(level, members);
    });
    const boxes = refs.map((ref) => boxOf(ref.panel));
    const earlier = refs.map(() => [] as number[]);
    for (const members of levels.values()) {
      overlapsByIndex(members.map((i) => boxes[i])).forEach((others, k) => {
        earlier[members[k]!] = others.map((o) => members[o]!);
      });
    }
    const problems: Problem[] = [];
    refs.forEach((ref, i) => {
      const at = atPanel(ref, `${ref.pointer}/gridPos`);
      const box = boxes[i];
      if (!box) {
        problems.push({
          ...at,
          message: "Panel has no complete gridPos {x, y, w, h}: give it a position and size.",
        });
        return;
      }
      if (box.x < 0 || box.y < 0 || box.w < 1 || box.h < 1 || box.x + box.w > gridWidth) {
        problems.push({
          ...at,
          message: `Panel at x=${box.x}, y=${box.y} with width ${box.w} and height ${box.h} leaves the ${gridWidth}-column grid: keep x and y >= 0, w and h >= 1 and x + w <= ${gridWidth}.`,
        });
      }
      for (const j of earlier[i]!) {
        problems.push({
          ...at,
          message: `Panel overlaps "${refs[j]!.title}" (${refs[j]!.pointer}): move one of them.`,
        });
      }
    });
    return problems;
  },
});
