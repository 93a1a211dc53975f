import { panelsOf } from "../../model/walk.ts";
import type { Finding } from "../../findings.ts";
import type { Check } from "../check.ts";
import { dashboardWhere } from "../../model/where.ts";

export const uniquePanelIds: Check = {
  id: "dashboard/unique-panel-ids",
  description: "Every panel (rows included) has an id, unique within its dashboard.",
  run({ model }) {
    const findings: Finding[] = [];
    for (const d of model.dashboards) {
      const seen = new Map<number, string>();
      for (const ref of panelsOf(d.dashboard)) {
        if (ref.id === undefined) {
          findings.push({
            rule: this.id,
            severity: "error",
            where: dashboardWhere(d, ref),
            message: "Panel has no numeric id: links and annotations need one.",
          });
          continue;
        }
        const first = seen.get(ref.id);
        if (first !== undefined) {
          findings.push({
            rule: this.id,
            severity: "error",
            where: dashboardWhere(d, ref),
            message: `Panel id ${ref.id} is also used by "${first}". Ids derive from titles: give the panels distinct titles.`,
          });
        } else seen.set(ref.id, ref.title);
      }
    }
    return findings;
  },
};
