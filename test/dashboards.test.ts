import { describe, expect, it } from "vitest";
import { platform } from "../config/platform.ts";
import { dashboards } from "../dashboards/index.ts";
import { defineDashboard, type RowSpec } from "../dashboards/lib/dashboard.ts";
import { gridWidth } from "../dashboards/lib/layout.ts";
import { panelsOf, targetsOf, variablesOf, type Json } from "../scripts/dashboard/walk.ts";
import { panelSpec } from "./helpers/fixture-model.ts";

const numberPanels = (d: Json) => panelsOf(d).filter((p) => !["row", "logs"].includes(p.type));

describe.each(dashboards.map((d) => [d.slug, d] as const))("dashboard %s", (_slug, source) => {
  const d = source.dashboard as unknown as Json;
  const refs = panelsOf(d);

  it("keeps every panel inside 24 columns, with no overlaps", () => {
    const top = refs.filter((r) => /^\/panels\/\d+$/.test(r.pointer));
    const boxes = top.map((r) => r.panel.gridPos as { x: number; y: number; w: number; h: number });
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(gridWidth);
    }
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(false);
      }
    }
  });

  it("gives every panel a unique id", () => {
    const ids = refs.map((r) => r.id);
    expect(ids.every((id) => typeof id === "number")).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives every panel a description, a datasource variable and (unless logs) a unit", () => {
    for (const r of refs.filter((p) => p.type !== "row")) {
      expect(r.panel.description, r.title).toBeTruthy();
      expect((r.panel.datasource as Json).uid, r.title).toMatch(/^\$\{(datasource|loki)\}$/);
    }
    for (const r of numberPanels(d)) {
      expect(
        (r.panel.fieldConfig as { defaults: { unit?: string } }).defaults.unit,
        r.title,
      ).toBeTruthy();
    }
  });

  it("uses $__rate_interval in every rate and increase", () => {
    const exprs = refs.flatMap((r) => targetsOf(r).map((t) => t.expr));
    const windows = exprs.flatMap((e) =>
      [...e.matchAll(/\b(?:rate|irate|increase)\([^[]*\[([^\]]+)\]/g)].map((m) => m[1]),
    );
    expect(windows.length).toBeGreaterThan(0);
    expect(new Set(windows)).toEqual(new Set(["$__rate_interval"]));
  });

  it("has Prometheus and Loki datasource variables and job/instance refreshing on time change", () => {
    const vars = Object.fromEntries(variablesOf(d).map((v) => [v.name, v.variable]));
    expect(vars.datasource).toMatchObject({
      type: "datasource",
      query: "prometheus",
      current: { value: platform.datasources.prometheus.uid },
    });
    expect(vars.loki).toMatchObject({
      type: "datasource",
      query: "loki",
      current: { value: platform.datasources.loki.uid },
    });
    expect(vars.job).toMatchObject({ type: "query", refresh: 2 });
    expect(vars.instance).toMatchObject({
      type: "query",
      refresh: 2,
      multi: true,
      includeAll: true,
    });
  });

  it("ends with a Logs row holding a logs panel of the component's structured logs", () => {
    const logsRow = refs.find((r) => r.type === "row" && r.title === "Logs");
    expect(logsRow).toBeDefined();
    const logs = refs.find((r) => r.type === "logs");
    expect(targetsOf(logs!)[0]!.expr).toContain('app="');
  });

  it("links to the other platform dashboards, carries tags and a stable uid", () => {
    expect(d.uid).toBe(source.slug);
    expect(d.tags).toContain("ml-platform");
    expect(d.links).toEqual([
      expect.objectContaining({ type: "dashboards", tags: ["ml-platform"], keepTime: true }),
    ]);
  });
});

describe("panel ids", () => {
  const row = (titles: string[]): RowSpec => ({
    title: "Row",
    panels: titles.map((t) => ({ ...panelSpec(["up"]), title: t })),
  });
  const build = (rows: RowSpec[]) =>
    Object.fromEntries(
      panelsOf(
        defineDashboard({
          slug: "ids",
          title: "Ids",
          description: "d",
          tags: [],
          component: platform.components.mlWorker,
          rows,
        }).dashboard,
      ).map((r) => [r.title, r.id]),
    );

  it("stay the same when a panel is inserted before them or they move", () => {
    const before = build([row(["A", "B", "C"])]);
    const after = build([row(["New", "A", "C"]), { ...row(["B"]), title: "Other row" }]);
    for (const t of ["A", "B", "C", "Logs"]) expect(after[t]).toBe(before[t]);
    expect(after.New).not.toBe(before.A);
  });

  it("do not depend on position but on the title", () => {
    expect(build([row(["A", "B"])]).A).toBe(build([row(["B", "A"])]).A);
  });
});

describe("layout", () => {
  it("wraps panels that would pass the right edge onto a new line", () => {
    const d = defineDashboard({
      slug: "wrap",
      title: "Wrap",
      description: "d",
      tags: [],
      component: platform.components.mlWorker,
      rows: [
        {
          title: "R",
          panels: [10, 10, 10, 30].map((w, i) => ({
            ...panelSpec(["up"]),
            title: `P${i}`,
            width: w,
          })),
        },
      ],
    }).dashboard;
    const pos = Object.fromEntries(panelsOf(d).map((r) => [r.title, r.panel.gridPos]));
    expect(pos.P0).toEqual({ x: 0, y: 1, w: 10, h: 8 });
    expect(pos.P1).toEqual({ x: 10, y: 1, w: 10, h: 8 });
    expect(pos.P2).toEqual({ x: 0, y: 9, w: 10, h: 8 });
    expect(pos.P3).toEqual({ x: 0, y: 17, w: 24, h: 8 });
  });
});
