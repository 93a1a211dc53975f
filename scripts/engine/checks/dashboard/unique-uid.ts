import { str } from "../../model/walk.ts";
import type { Finding } from "../../findings.ts";
import type { Check } from "../check.ts";
import { dashboardWhere } from "../../model/where.ts";

/** Grafana refuses a second dashboard with a uid (or, in one folder, a title) it already has. */
export const uniqueUid: Check = {
  id: "dashboard/unique-uid",
  description: "Dashboard uids and titles are unique, and every dashboard has both.",
  run({ model }) {
    const findings: Finding[] = [];
    for (const field of ["uid", "title"] as const) {
      const seen = new Map<string, string>();
      for (const d of model.dashboards) {
        const value = str(d.dashboard[field]);
        if (!value) {
          findings.push({
            rule: this.id,
            severity: "error",
            where: dashboardWhere(d, undefined, `/${field}`),
            message: `Dashboard has no ${field}: set a stable one.`,
          });
          continue;
        }
        const first = seen.get(value);
        if (first !== undefined) {
          findings.push({
            rule: this.id,
            severity: "error",
            where: dashboardWhere(d, undefined, `/${field}`),
            message: `Dashboard ${field} "${value}" is already used by ${first}: choose another.`,
          });
        } else seen.set(value, d.file);
      }
    }
    return findings;
  },
};
