/**
 * The project's dashboard style (import/style.ts) loaded from a checkout's dashboards/lib/ and
 * config/platform.ts, for `npm run import`.
 */
import { join } from "node:path";
import type { Style } from "../import/style.ts";
import { importSource } from "./import-source.ts";

export async function loadStyle(root: string): Promise<Style> {
  // Modules of the checkout, typed by the Style they must provide.
  const load = async (path: string) =>
    (await importSource(join(root, path))) as Record<string, any>;
  const [panels, dashboard, variables, promql, datasources, platform] = await Promise.all([
    load("dashboards/lib/panels.ts"),
    load("dashboards/lib/dashboard.ts"),
    load("dashboards/lib/variables.ts"),
    load("dashboards/lib/promql.ts"),
    load("dashboards/lib/datasources.ts"),
    load("config/platform.ts"),
  ]);
  return {
    panel: panels.panel,
    defineDashboard: dashboard.defineDashboard,
    platformTag: dashboard.platformTag,
    labelVariable: variables.labelVariable,
    jobInstance: variables.jobInstance,
    sumRate: promql.sumRate,
    quantile: promql.quantile,
    quantiles: promql.quantiles,
    components: (platform.platform as { components: Style["components"] }).components,
    selectors: platform.selectors,
    thresholds: platform.thresholds,
    prometheusRef: datasources.prometheusRef,
    lokiRef: datasources.lokiRef,
  };
}
