/**
 * Pictures of changed dashboards: each side drawn from a synthetic Prometheus of the working
 * tree's model (its catalogue and recording rules), rendered by Chromium, and for a dashboard
 * that exists on both sides a before/after pair side by side. A base dashboard that reads a
 * metric only the base's catalogue has shows "No data" there.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Model } from "../model/index.ts";
import type { Json } from "../model/walk.ts";
import { withSyntheticPrometheus } from "../prometheus/synthetic-server.ts";
import { openBrowser } from "./browser.ts";
import { dashboardData } from "./data.ts";
import { dashboardHtml, grid, sideBySideHtml, type UplotAssets } from "./html.ts";

export interface PictureRequest {
  uid: string;
  title: string;
  before?: Json;
  after?: Json;
}

export interface RenderedPictures {
  uid: string;
  /** File name -> PNG. */
  files: Map<string, Buffer>;
  /** Console and page errors the pictures raised. */
  errors: string[];
}

/** uPlot's browser build and stylesheet, from its npm package. */
export function uplotAssets(): UplotAssets {
  const dir = dirname(createRequire(import.meta.url).resolve("uplot"));
  return {
    script: readFileSync(join(dir, "uPlot.iife.min.js"), "utf8"),
    css: readFileSync(join(dir, "uPlot.min.css"), "utf8"),
  };
}

export async function renderPictures(
  model: Model,
  requests: readonly PictureRequest[],
): Promise<RenderedPictures[]> {
  if (requests.length === 0) return [];
  const assets = uplotAssets();
  return withSyntheticPrometheus(model, async (api, window) => {
    const browser = await openBrowser();
    try {
      const out: RenderedPictures[] = [];
      for (const r of requests) {
        const files = new Map<string, Buffer>();
        const errors: string[] = [];
        const shots: Partial<Record<"before" | "after", Buffer>> = {};
        for (const side of ["before", "after"] as const) {
          const dashboard = r[side];
          if (!dashboard) continue;
          const html = dashboardHtml(
            dashboard,
            await dashboardData(api, dashboard, window),
            assets,
          );
          const shot = await browser.screenshot(html, grid.width + 32);
          errors.push(...shot.errors.map((e) => `${side}: ${e}`));
          shots[side] = shot.png;
          files.set(`${r.uid}.${side}.png`, shot.png);
        }
        if (shots.before && shots.after) {
          const html = sideBySideHtml(
            r.title,
            shots.before.toString("base64"),
            shots.after.toString("base64"),
          );
          const shot = await browser.screenshot(html, 2 * (grid.width + 48));
          errors.push(...shot.errors);
          files.set(`${r.uid}.png`, shot.png);
        }
        out.push({ uid: r.uid, files, errors });
      }
      return out;
    } finally {
      await browser.close();
    }
  });
}
