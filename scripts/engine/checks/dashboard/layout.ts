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

export const dashboardLayout = defineCheck({
  id: "dashboard/layout",
  description: `Panels sit inside the ${gridWidth}-column grid and never overlap.`,
  severity: "error",
  scope: "dashboard",
  check({ dashboard: d }) {
    const refs = panelsOf(d.dashboard).filter((r) => r.pointer.startsWith("/panels/"));
    // Panels inside a collapsed row share the space below it with the rows that follow,
    // so overlaps are only compared within the same level.
    const level = (pointer: string) => pointer.replace(/\/\d+$/, "");
    const placed: { ref: (typeof refs)[number]; box: Box }[] = [];
    const problems: Problem[] = [];
    for (const ref of refs) {
      const at = atPanel(ref, `${ref.pointer}/gridPos`);
      const box = boxOf(ref.panel);
      if (!box) {
        problems.push({
          ...at,
          message: "Panel has no complete gridPos {x, y, w, h}: give it a position and size.",
        });
        continue;
      }
      if (box.x < 0 || box.y < 0 || box.w < 1 || box.h < 1 || box.x + box.w > gridWidth) {
        problems.push({
          ...at,
          message: `Panel at x=${box.x}, y=${box.y} with width ${box.w} and height ${box.h} leaves the ${gridWidth}-column grid: keep x and y >= 0, w and h >= 1 and x + w <= ${gridWidth}.`,
        });
      }
      for (const other of placed) {
        if (level(other.ref.pointer) === level(ref.pointer) && overlaps(box, other.box)) {
          problems.push({
            ...at,
            message: `Panel overlaps "${other.ref.title}" (${other.ref.pointer}): move one of them.`,
          });
        }
      }
      placed.push({ ref, box });
    }
    return problems;
  },
});
