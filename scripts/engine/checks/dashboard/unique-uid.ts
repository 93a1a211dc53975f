import { str } from "../../model/walk.ts";
import { dashboardWhere } from "../../model/where.ts";
import { defineCheck, type Problem } from "../check.ts";

/** Grafana refuses a second dashboard with a uid (or, in one folder, a title) it already has. */
export const dashboardUniqueUid = defineCheck({
  id: "dashboard/unique-uid",
  description: "Dashboard uids and titles are unique, and every dashboard has both.",
  severity: "error",
  scope: "model",
  check(_subject, { model }) {
    const problems: Problem[] = [];
    for (const field of ["uid", "title"] as const) {
      const seen = new Map<string, string>();
      for (const d of model.dashboards) {
        const where = dashboardWhere(d, undefined, `/${field}`);
        const value = str(d.dashboard[field]);
        if (!value) {
          problems.push({ where, message: `Dashboard has no ${field}: set a stable one.` });
          continue;
        }
        const first = seen.get(value);
        if (first !== undefined) {
          problems.push({
            where,
            message: `Dashboard ${field} "${value}" is already used by ${first}: choose another.`,
          });
        } else seen.set(value, d.file);
      }
    }
    return problems;
  },
});
