import { isObject, panelsOf, type Json } from "../../model/walk.ts";
import type { Finding } from "../../findings.ts";
import type { Check } from "../check.ts";
import { dashboardWhere } from "../../model/where.ts";

const gridWidth = 24;

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

export const layout: Check = {
  id: "dashboard/layout",
  description: "Panels sit inside the 24-column grid and never overlap.",
  run({ model }) {
    const findings: Finding[] = [];
    for (const d of model.dashboards) {
      const refs = panelsOf(d.dashboard).filter((r) => r.pointer.startsWith("/panels/"));
      // Panels inside a collapsed row share the space below it with the rows that follow,
      // so overlaps are only compared within the same level.
      const level = (pointer: string) => pointer.replace(/\/\d+$/, "");
      const placed: { ref: (typeof refs)[number]; box: Box }[] = [];
      for (const ref of refs) {
        const box = boxOf(ref.panel);
        if (!box) {
          findings.push({
            rule: this.id,
            severity: "error",
            where: dashboardWhere(d, ref, `${ref.pointer}/gridPos`),
            message: "Panel has no complete gridPos {x, y, w, h}: give it a position and size.",
          });
          continue;
        }
        if (box.x < 0 || box.y < 0 || box.w < 1 || box.h < 1 || box.x + box.w > gridWidth) {
          findings.push({
            rule: this.id,
            severity: "error",
            where: dashboardWhere(d, ref, `${ref.pointer}/gridPos`),
            message: `Panel at x=${box.x} with width ${box.w} leaves the ${gridWidth}-column grid: keep x >= 0, w >= 1 and x + w <= ${gridWidth}.`,
          });
        }
        for (const other of placed) {
          if (level(other.ref.pointer) === level(ref.pointer) && overlaps(box, other.box)) {
            findings.push({
              rule: this.id,
              severity: "error",
              where: dashboardWhere(d, ref, `${ref.pointer}/gridPos`),
              message: `Panel overlaps "${other.ref.title}" (${other.ref.pointer}): move one of them.`,
            });
          }
        }
        placed.push({ ref, box });
      }
    }
    return findings;
  },
};
