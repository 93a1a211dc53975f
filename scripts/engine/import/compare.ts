/**
 * Whether a built dashboard gives back the imported one, after the normalisation read.ts does
 * and up to what defineDashboard adds (the README's "Import a dashboard from Grafana" lists
 * it): every field of the input is in the output with the same value, panels matched in
 * reading order, ids and x/y left to the layout. Pure; each difference is a Loss.
 */
import { asArray, isObject, type Json } from "../model/walk.ts";
import { residue } from "./residue.ts";
import type { Loss } from "./translate.ts";
import { keptLeaves } from "./builders.ts";

/** Panels (rows' nested ones after their row) in reading order, without ids and x/y. */
export function readingOrder(d: Json): Json[] {
  const strip = (p: Json): Json => {
    const { id: _id, gridPos, panels: _panels, ...rest } = p;
    return isObject(gridPos) ? { ...rest, gridPos: { w: gridPos.w, h: gridPos.h } } : rest;
  };
  const out: Json[] = [];
  const groups: Json[][] = [[]];
  for (const p of asArray(d.panels).filter(isObject)) {
    if (p.type === "row") {
      groups.push([p]);
      groups.push(asArray(p.panels).filter(isObject));
    } else groups[groups.length - 1]!.push(p);
  }
  const pos = (p: Json, k: "x" | "y") =>
    isObject(p.gridPos) && typeof p.gridPos[k] === "number" ? p.gridPos[k] : 0;
  for (const g of groups) {
    const sorted =
      g[0]?.type === "row"
        ? g
        : [...g].sort((a, b) => pos(a, "y") - pos(b, "y") || pos(a, "x") - pos(b, "x"));
    out.push(
      ...sorted
        .filter((p) => p.repeatPanelId === undefined && p.repeatIteration === undefined)
        .map(strip),
    );
  }
  return out;
}

export function faithfulness(input: Json, built: Json): Loss[] {
  const losses: Loss[] = [];
  const wanted = readingOrder(input);
  const got = readingOrder(built);
  wanted.forEach((p, i) => {
    const r = residue(p, got[i], true);
    if (r !== undefined) {
      for (const leaf of keptLeaves(r)) {
        losses.push({ at: `/panels(${i})${leaf}`, message: "not given back by the built source" });
      }
    }
  });
  const vars = (d: Json) =>
    isObject(d.templating) ? asArray(d.templating.list).filter(isObject) : [];
  for (const v of vars(input)) {
    const r = residue(
      v,
      vars(built).find((x) => x.name === v.name),
      true,
    );
    if (r !== undefined) {
      losses.push({
        at: `/templating/list(${String(v.name)})`,
        message: "variable not given back by the built source",
      });
    }
  }
  const { panels: _a, templating: _c, tags: _e, schemaVersion: _f, uid: _g, ...restIn } = input;
  const { panels: _b, templating: _d, ...restOut } = built;
  const r = residue(restIn, restOut, true);
  if (r !== undefined) {
    for (const leaf of keptLeaves(r))
      losses.push({ at: leaf, message: "not given back by the built source" });
  }
  return losses;
}
