import type { Model } from "../model.ts";
import { canonicalJson } from "./json.ts";

export const dashboardsDir = "config/grafana/dashboards";

/** Where a dashboard lands: one folder, which Grafana's provisioning turns into its folder. */
export const dashboardPath = (slug: string, folder: string): string =>
  `${dashboardsDir}/${folder}/${slug}.json`;

/** Grafana v1 dashboard JSON, one file per dashboard. */
export function renderDashboards(model: Model, folder: string): Map<string, string> {
  return new Map(
    model.dashboards.map((d) => [dashboardPath(d.slug, folder), canonicalJson(d.dashboard)]),
  );
}
