/**
 * The dashboard pictures in the real browser (Debian's Chromium) on data from a real
 * Prometheus: the page raises no console error, every panel box sits where its gridPos says,
 * a panel with data draws its series, one whose query returns nothing says "No data".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../../scripts/engine/model/walk.ts";
import { openBrowser, type BrowserSession } from "../../scripts/engine/preview/browser.ts";
import { dashboardData } from "../../scripts/engine/preview/data.ts";
import { dashboardHtml, grid, gridBox, sideBySideHtml } from "../../scripts/engine/preview/html.ts";
import { renderPictures, uplotAssets } from "../../scripts/engine/preview/pictures.ts";
import { withSyntheticPrometheus } from "../../scripts/engine/prometheus/synthetic-server.ts";
import { requireBinaries } from "../helpers/binaries.ts";
import { fixtureModel, panelSpec } from "../helpers/fixture-model.ts";

const need = requireBinaries(["prometheus", "promtool", "chromium"]);

const model = fixtureModel({
  panels: [
    {
      ...panelSpec(['sum by (code) (rate(requests_total{job="$job"}[$__rate_interval]))'], "reqps"),
      title: "Requests",
      thresholds: { critical: 1000 },
    },
    {
      ...panelSpec(["max(queue_depth)"], "short"),
      kind: "stat",
      title: "Queue",
      width: 6,
      height: 4,
      thresholds: { warn: 1e9, critical: 2e9 },
    },
    {
      ...panelSpec(['sum(rate(requests_total{job="no-such-job"}[$__rate_interval]))'], "reqps"),
      title: "Nothing here",
      width: 6,
      height: 4,
    },
  ],
});
const dashboard = model.dashboards[0]!.dashboard as unknown as Json;

interface Measured {
  pointer: string;
  type: string;
  grid: number[];
  box: { left: number; top: number; width: number; height: number };
  noData: boolean;
  /** Pixels of the first series' colour (#73bf69) on the panel's canvas. */
  seriesPixels: number;
  stat?: { text: string; background: string };
  logLines: number;
  title: string;
}

/** Runs in the page. */
function measure(): Measured[] {
  const origin = document.getElementById("grid")!.getBoundingClientRect();
  return [...document.querySelectorAll<HTMLElement>(".panel")].map((el) => {
    const r = el.getBoundingClientRect();
    let seriesPixels = 0;
    for (const canvas of el.querySelectorAll("canvas")) {
      const px = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < px.length; i += 4) {
        const [red, green, blue] = [px[i]!, px[i + 1]!, px[i + 2]!];
        if (Math.abs(red - 115) < 30 && Math.abs(green - 191) < 30 && Math.abs(blue - 105) < 30) {
          seriesPixels++;
        }
      }
    }
    const stat = el.querySelector<HTMLElement>(".stat");
    return {
      pointer: el.dataset.pointer!,
      type: el.dataset.type!,
      grid: el.dataset.grid!.split(",").map(Number),
      box: {
        left: r.left - origin.left,
        top: r.top - origin.top,
        width: r.width,
        height: r.height,
      },
      noData: el.querySelector(".no-data")?.textContent === "No data",
      seriesPixels,
      stat: stat
        ? { text: stat.textContent ?? "", background: getComputedStyle(stat).backgroundColor }
        : undefined,
      logLines: el.querySelectorAll(".logs div").length,
      title: el.querySelector(".title")?.textContent ?? el.textContent ?? "",
    };
  });
}

describe.skipIf(need.skip)(need.title("dashboard pictures in Chromium"), () => {
  let session: BrowserSession;
  let measured: Measured[];
  let errors: string[];
  let html: string;

  beforeAll(async () => {
    session = await openBrowser();
    html = await withSyntheticPrometheus(model, async (api, w) =>
      dashboardHtml(dashboard, await dashboardData(api, dashboard, w), uplotAssets()),
    );
    ({ value: measured, errors } = await session.evaluate(html, grid.width + 32, measure));
  }, 120_000);
  afterAll(async () => session?.close());

  const panel = (title: string) => measured.find((m) => m.title === title && m.type !== "row")!;

  it("loads without a console error", () => {
    expect(errors).toEqual([]);
  });

  it("puts every panel box where its gridPos says", () => {
    // 1440 px, 24 columns, 8 px margins: a column is 52.33 px; a grid row 30 px plus 8.
    expect(gridBox({ x: 12, y: 1, w: 12, h: 8 })).toEqual({
      left: 724,
      top: 38,
      width: 716,
      height: 296,
    });
    expect(measured.length).toBe(7);
    for (const m of measured) {
      const [x, y, w, h] = m.grid as [number, number, number, number];
      const want = gridBox({ x, y, w, h });
      expect(m.box.left, m.title).toBeCloseTo(want.left, 0);
      expect(m.box.top, m.title).toBeCloseTo(want.top, 0);
      expect(m.box.width, m.title).toBeCloseTo(want.width, 0);
      expect(m.box.height, m.title).toBeCloseTo(want.height, 0);
    }
  });

  it("draws a panel with data: the series' pixels on its canvas, the stat's value in its threshold colour", () => {
    expect(panel("Requests").noData).toBe(false);
    expect(panel("Requests").seriesPixels).toBeGreaterThan(100);
    const stat = panel("Queue").stat!;
    expect(stat.text).toMatch(/^\d/);
    expect(stat.background).toBe("rgb(115, 191, 105)");
    expect(panel("Logs").logLines).toBe(24);
  });

  it('shows "No data" where the query returns nothing', () => {
    expect(panel("Nothing here").noData).toBe(true);
    expect(panel("Nothing here").seriesPixels).toBe(0);
  });

  it("screenshots the page, and a before/after pair side by side", async () => {
    const shot = await session.screenshot(html, grid.width + 32);
    expect(shot.errors).toEqual([]);
    expect(shot.png.subarray(1, 4).toString()).toBe("PNG");
    expect(shot.png.readUInt32BE(16)).toBe(grid.width + 32);
    const pair = await session.screenshot(
      sideBySideHtml("pair", shot.png.toString("base64"), shot.png.toString("base64")),
      2 * (grid.width + 48),
    );
    expect(pair.errors).toEqual([]);
    expect(pair.png.readUInt32BE(16)).toBe(2 * (grid.width + 48));
  });

  it("renders the pictures of a changed dashboard: before, after and the pair", async () => {
    const [r] = await renderPictures(model, [
      { uid: "fixture", title: "Fixture", before: dashboard, after: dashboard },
    ]);
    expect(r!.errors).toEqual([]);
    expect([...r!.files.keys()]).toEqual([
      "fixture.before.png",
      "fixture.after.png",
      "fixture.png",
    ]);
  }, 120_000);
});
