/**
 * The project's own way of writing dashboards, as the importer needs it: the functions of
 * dashboards/lib/ and the values of config/platform.ts that imported sources call and name.
 * The sources layer loads them from a checkout (sources/style.ts); the importer only calls them,
 * to test whether a panel, a variable or a query is exactly what one of them makes.
 */
import type { Json } from "../model/walk.ts";

type BuilderOf = { build(): unknown };

export interface Style {
  /** dashboards/lib/panels.ts `panel`: a panel spec's builder. */
  panel(spec: Json): BuilderOf;
  /** dashboards/lib/dashboard.ts `defineDashboard`. */
  defineDashboard(spec: Json): { dashboard: unknown };
  platformTag: string;
  /** dashboards/lib/variables.ts. */
  labelVariable(opts: { name: string; label: string; query: string; multi?: boolean }): BuilderOf;
  jobInstance: string;
  /** dashboards/lib/promql.ts. */
  sumRate(metric: string, selector: string, by?: string[]): string;
  quantile(q: number, histogram: string, selector: string, by?: string[]): string;
  quantiles(histogram: string, selector: string, by?: string[]): { expr: string; legend: string }[];
  /** config/platform.ts. */
  components: Record<string, { job: string }>;
  selectors: Record<string, string>;
  thresholds: Record<string, unknown>;
  /** The datasource variables panels point at (dashboards/lib/datasources.ts). */
  prometheusRef: { type: string; uid: string };
  lokiRef: { type: string; uid: string };
}
