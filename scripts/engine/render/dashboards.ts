import type { Model } from "../model/index.ts";
import { canonicalJson } from "./json.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { dashboardPath } from "../outputs.ts";

/** Grafana v1 dashboard JSON, one file per dashboard. */
export function renderDashboards(model: Model): Rendered {
  const folder = model.platform.grafanaFolder;
  return rendered(
    model.dashboards.map((d) => [dashboardPath(d.slug, folder), canonicalJson(d.dashboard)]),
  );
}
