import { describe, expect, it } from "vitest";
import { platform, slos, thresholds } from "../config/platform.ts";
import { dashboards } from "../dashboards/index.ts";
import { defineDashboard, type RowSpec } from "../dashboards/lib/dashboard.ts";
import { gridWidth } from "../scripts/authoring/index.ts";
import type { ThresholdSpec } from "../dashboards/lib/panels.ts";
import {
  panelsOf,
  targetsOf,
  variablesOf,
  type Json,
  type PanelRef,
} from "../scripts/engine/model/walk.ts";
import { panelSpec } from "./helpers/fixture-model.ts";

const numberPanels = (d: Json) => panelsOf(d).filter((p) => !["row", "logs"].includes(p.type));

const dashboard = (slug: string) =>
  dashboards.find((d) => d.slug === slug)!.dashboard as unknown as Json;
const panelOf = (slug: string, title: string): PanelRef => {
  const found = panelsOf(dashboard(slug)).find((r) => r.title === title);
  if (!found) throw new Error(`no panel "${title}" in ${slug}`);
  return found;
};
const defaults = (r: PanelRef) => (r.panel.fieldConfig as { defaults: Json }).defaults;
const stepsOf = (r: PanelRef) =>
  (defaults(r).thresholds as { steps: { value: number | null; color: string }[] }).steps;
const exprs = (r: PanelRef) => targetsOf(r).map((t) => t.expr);
const availability = slos.find((s) => s.name === "api-availability")!;
/** The API's error budget: the share of requests its SLO lets fail. */
const budget = 1 - availability.objective;
/** Red is the slower page tier's line (the faster one is dark red). */
const slowerPage = Math.min(
  ...availability.alerting.tiers.filter((t) => t.notify === "page").map((t) => t.factor),
);

/** A one-stat dashboard, to read back the thresholds the panel builder writes. */
const statSteps = (t?: ThresholdSpec) =>
  stepsOf(
    panelsOf(
      defineDashboard({
        slug: "steps",
        title: "Steps",
        description: "d",
        tags: [],
        component: platform.components.mlWorker,
        rows: [{ title: "R", panels: [{ ...panelSpec(["up"]), kind: "stat", thresholds: t }] }],
      }).dashboard,
    ).find((r) => r.type === "stat")!,
  );

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

  it("colours only the stats that have thresholds; the others stay neutral", () => {
    for (const r of refs.filter((p) => p.type === "stat")) {
      const colorMode = (r.panel.options as Json).colorMode;
      if (stepsOf(r).length > 1) expect(colorMode, r.title).toBe("background");
      else {
        expect(colorMode, r.title).toBe("none");
        expect(defaults(r).color, r.title).toEqual({ mode: "fixed", fixedColor: "text" });
      }
    }
  });

  it("links to the other platform dashboards, carries tags and a stable uid", () => {
    expect(d.uid).toBe(source.slug);
    expect(d.tags).toContain("ml-platform");
    // No `placement`: Grafana shows a link above the panels only without one.
    expect(d.links).toEqual([expect.not.objectContaining({ placement: expect.anything() })]);
    expect(d.links).toEqual([
      expect.objectContaining({ type: "dashboards", tags: ["ml-platform"], keepTime: true }),
    ]);
  });
});

/** The dashboards of one component: its job and instances, its logs, rates of its own series. */
const componentDashboards = dashboards.filter((d) => d.slug !== "slos");

describe.each(componentDashboards.map((d) => [d.slug, d] as const))(
  "component dashboard %s",
  (_slug, source) => {
    const d = source.dashboard as unknown as Json;
    const refs = panelsOf(d);

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

    it("counts log lines by their shipped level, and the lines without one (stack traces) apart", () => {
      const volume = refs.find((r) => r.title === "Log volume by level")!;
      const [byLevel, levelless] = targetsOf(volume);
      expect(byLevel).toMatchObject({
        expr: expect.stringMatching(/^sum by \(level\) .*, level!=""\}/),
      });
      expect(levelless).toMatchObject({
        expr: expect.stringMatching(/^sum\(count_over_time\(\{.*, level=""\}/),
        target: expect.objectContaining({ legendFormat: "no level" }),
      });
    });
  },
);

describe("dashboard slos", () => {
  const d = dashboard("slos");
  const refs = panelsOf(d).filter((r) => r.type !== "row");

  it("reads only the SLOs' recorded series, so it shows what the alerts read", () => {
    for (const r of refs) {
      for (const e of exprs(r)) expect(e, r.title).toMatch(/^(1 - )?slo:[a-z_:0-9]+\{slo="/);
    }
  });

  it("has a row per SLO: budget left, burn rate per window, SLI against the objective", () => {
    const rows = panelsOf(d).filter((r) => r.type === "row");
    expect(rows.map((r) => r.title)).toEqual(
      slos.map((s) => expect.stringContaining(s.title) as unknown as string),
    );
    expect(refs).toHaveLength(3 * slos.length);
  });

  it("draws the tiers' burn rates on each burn-rate panel and links the component dashboards", () => {
    for (const slo of slos) {
      const r = panelOf("slos", `${slo.title}: burn rate per window`);
      const lines = stepsOf(r).flatMap((s) => (s.value === null ? [] : [s.value]));
      expect(lines).toEqual([...slo.alerting.tiers.map((t) => t.factor)].sort((a, b) => a - b));
      const links = (r.panel.links as { url: string }[]).map((l) => l.url);
      expect(links).toEqual(slo.dashboards.map((uid) => `/d/${uid}?\${__url_time_range}`));
    }
  });

  it("has only the datasource variables, and no Logs row: it spans components", () => {
    expect(variablesOf(d).map((v) => v.name)).toEqual(["datasource", "loki"]);
    expect(panelsOf(d).some((r) => r.type === "logs")).toBe(false);
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

  it("starts the next line below the tallest panel of a line, not the last one", () => {
    const d = defineDashboard({
      slug: "tall",
      title: "Tall",
      description: "d",
      tags: [],
      component: platform.components.mlWorker,
      rows: [
        {
          title: "R",
          panels: [12, 4, 8].map((height, i) => ({
            ...panelSpec(["up"]),
            title: `P${i}`,
            width: 12,
            height,
          })),
        },
      ],
    }).dashboard;
    const pos = Object.fromEntries(panelsOf(d).map((r) => [r.title, r.panel.gridPos]));
    expect(pos.P1).toEqual({ x: 12, y: 1, w: 12, h: 4 });
    expect(pos.P2).toEqual({ x: 0, y: 13, w: 12, h: 8 });
  });
});

describe("thresholds", () => {
  it.each<[string, ThresholdSpec | undefined, { value: number | null; color: string }[]]>([
    ["none", undefined, [{ value: null, color: "green" }]],
    [
      "high is bad",
      { warn: 10, critical: 20 },
      [
        { value: null, color: "green" },
        { value: 10, color: "orange" },
        { value: 20, color: "red" },
      ],
    ],
    [
      "low is bad, red only",
      { critical: 1, below: true },
      [
        { value: null, color: "red" },
        { value: 1, color: "green" },
      ],
    ],
    [
      "low is bad, amber and red",
      { warn: 3, critical: 1, below: true },
      [
        { value: null, color: "red" },
        { value: 1, color: "orange" },
        { value: 3, color: "green" },
      ],
    ],
  ])("%s", (_name, spec, steps) => {
    expect(statSteps(spec)).toEqual(steps);
  });

  /** Panels whose red line repeats an alert's threshold: it must be the value in platform.ts. */
  it.each<[string, string, number]>([
    ["ml-service", "Waiting requests", thresholds.inferenceQueue.requests],
    ["ml-service", "KV cache usage", thresholds.kvCache.ratio],
    ["ml-service", "KV cache usage by instance", thresholds.kvCache.ratio],
    ["ml-service", "Waiting requests by instance", thresholds.inferenceQueue.requests],
    ["ml-service", "First tokens slower than 2.5s", thresholds.timeToFirstToken.ratio],
    ["ml-service", "Slow first tokens (share over 2.5s)", thresholds.timeToFirstToken.ratio],
    ["ml-service", "Time to first token", thresholds.timeToFirstToken.seconds],
    ["ml-service", "GPU memory used", thresholds.gpuMemory.ratio],
    ["api-gateway", "Error ratio", thresholds.gatewayErrorRatio.ratio],
    ["api-gateway", "Error and rate-limit (429) ratio", thresholds.gatewayErrorRatio.ratio],
    ["api-gateway", "Rate-limited (429) ratio", thresholds.gatewayRateLimited.ratio],
    ["ml-worker", "Time to drain now", thresholds.workerBacklog.drainSeconds],
    ["ml-worker", "Time to drain", thresholds.workerBacklog.drainSeconds],
    ["ml-worker", "Model-call failure ratio now", thresholds.modelCallErrorRatio.ratio],
    ["ml-worker", "Model-call failure ratio", thresholds.modelCallErrorRatio.ratio],
    ["api-service", "p95 latency", thresholds.apiLatency.seconds],
    ["api-service", "Request latency", thresholds.apiLatency.seconds],
    ["api-service", "Error budget burn rate", slowerPage],
    ["api-service", "5xx ratio", slowerPage * budget],
  ])("%s %s: red at the alert's threshold", (slug, title, value) => {
    const red = stepsOf(panelOf(slug, title)).find((s) => s.color === "red");
    expect(red?.value).toBeCloseTo(value, 10);
  });
});

describe("api-gateway Targets up", () => {
  const r = panelOf("api-gateway", "Targets up");

  it("shows the targets up out of all targets", () => {
    expect(targetsOf(r).map((t) => [t.expr, t.target.legendFormat])).toEqual([
      ['sum(up{job="$job", instance=~"$instance"})', "up"],
      ['count(up{job="$job", instance=~"$instance"})', "total"],
    ]);
  });

  it("is red when no target is up", () => {
    expect(stepsOf(r)).toEqual([
      { value: null, color: "red" },
      { value: 1, color: "green" },
    ]);
  });
});

describe("ml-service GPU panels", () => {
  it("offer a GPU node variable, refreshed on time range change", () => {
    const v = variablesOf(dashboard("ml-service")).find((x) => x.name === "hostname");
    expect(v?.variable).toMatchObject({
      type: "query",
      refresh: 2,
      multi: true,
      includeAll: true,
      query: 'label_values(DCGM_FI_DEV_GPU_UTIL{job="dcgm-exporter"}, hostname)',
    });
  });

  it("filter every DCGM selector on it", () => {
    const gpu = panelsOf(dashboard("ml-service")).filter((r) =>
      exprs(r).some((e) => e.includes("DCGM_")),
    );
    expect(gpu.length).toBe(10);
    for (const r of gpu) {
      const selectors = exprs(r).flatMap((e) => [...e.matchAll(/DCGM_\w+\{([^}]*)\}/g)]);
      expect(selectors.length, r.title).toBeGreaterThan(0);
      for (const m of selectors) expect(m[1], r.title).toContain('hostname=~"$hostname"');
    }
  });
});

describe("api-service dashboard", () => {
  it("shows the error ratios the SLO's tiers read over their long windows against the budget", () => {
    const r = panelOf("api-service", "5xx ratio against the error budget");
    expect(exprs(r)).toEqual(
      ["1h", "6h", "1d", "3d"].map(
        (w) => `slo:sli_error:ratio_rate${w}{slo="api-availability", job="$job"}`,
      ),
    );
    expect(stepsOf(r).find((s) => s.color === "red")?.value).toBeCloseTo(budget, 10);
  });

  it("shows request and response sizes as _sum / _count averages, never summary quantiles", () => {
    for (const title of ["Request size by handler", "Response size by handler"]) {
      const [expr] = exprs(panelOf("api-service", title));
      expect(expr).toMatch(/_sum\{.*\/.*_count\{/);
      expect(expr).not.toContain("quantile");
    }
  });

  it("shares the process panels with the ML service", () => {
    const titles = (slug: string) =>
      panelsOf(dashboard(slug))
        .filter((r) => ["CPU usage", "Resident memory", "File descriptors used"].includes(r.title))
        .map((r) => [r.title, exprs(r)]);
    expect(titles("api-service")).toHaveLength(3);
    expect(titles("api-service")).toEqual(titles("ml-service"));
  });
});
