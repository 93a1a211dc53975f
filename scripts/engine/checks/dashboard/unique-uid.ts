import type { DashboardSource } from "../../model/dashboard.ts";
import { str } from "../../model/walk.ts";
import { dashboardWhere } from "../../model/where.ts";
import { defineCheck, type Problem } from "../check.ts";

/** JSON with its keys sorted: the same dashboard delivered twice reads the same. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );

/**
 * Grafana refuses a second dashboard with a uid (or, in one folder, a title) it already has.
 * The same dashboard twice (its JSON file and its ConfigMap) is one dashboard, not two.
 */
export const dashboardUniqueUid = defineCheck({
  id: "dashboard/unique-uid",
  description: "Dashboard uids and titles are unique, and every dashboard has both.",
  severity: "error",
  scope: "model",
  check(_subject, { model }) {
    const problems: Problem[] = [];
    // Worked out only for a clash, once per dashboard: it costs what a dashboard's size costs.
    const canonicals = new Map<DashboardSource, string>();
    const canonicalOf = (d: DashboardSource) => {
      const text = canonicals.get(d) ?? canonical(d.dashboard);
      canonicals.set(d, text);
      return text;
    };
    // Two uids apart are two dashboards (a title clash): no need to read the rest.
    const sameDashboard = (a: DashboardSource, b: DashboardSource) =>
      JSON.stringify(a.dashboard.uid) === JSON.stringify(b.dashboard.uid) &&
      canonicalOf(a) === canonicalOf(b);
    for (const field of ["uid", "title"] as const) {
      const seen = new Map<string, DashboardSource>();
      for (const d of model.dashboards) {
        const where = dashboardWhere(d, undefined, `/${field}`);
        const value = str(d.dashboard[field]);
        if (!value) {
          problems.push({ where, message: `Dashboard has no ${field}: set a stable one.` });
          continue;
        }
        const first = seen.get(value);
        if (first === undefined) seen.set(value, d);
        else if (!sameDashboard(first, d)) {
          problems.push({
            where,
            message: `Dashboard ${field} "${value}" is already used by ${first.file}: choose another.`,
          });
        }
      }
    }
    return problems;
  },
});
