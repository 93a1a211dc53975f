import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { SourceSite } from "./site.ts";
import type { DashboardSuppression } from "./suppressions.ts";

/** A built dashboard with where it came from and where it is written. */
export interface DashboardSource {
  /** Source module, for findings (`dashboards/api-gateway.ts`). */
  file: string;
  /** File name stem of the output and the dashboard's uid. */
  slug: string;
  dashboard: Dashboard;
  /** Where the dashboard and its panels (by title) were written, filled in by the sources layer. */
  sites?: { dashboard?: SourceSite; panels: Record<string, SourceSite> };
  /** Findings accepted on the dashboard or one of its panels, each with its reason. */
  disable?: DashboardSuppression[];
  /**
   * Set for a dashboard read from a file another tool wrote (Grafana's UI, a mixin), not built
   * by our sources: what Grafana itself writes, defaults or migrates is accepted there.
   */
  fromFile?: true;
}

/** Grafana's dashboard grid: every row of panels is this many columns wide. */
export const gridWidth = 24;

/** How findings and reports name a dashboard: its uid, or its slug where it has none. */
export const dashboardUid = (d: DashboardSource): string =>
  typeof d.dashboard.uid === "string" ? d.dashboard.uid : d.slug;
