import { panelsOf } from "../../model/walk.ts";
import { atPanel, defineCheck, type Problem } from "../check.ts";

export const dashboardUniquePanelIds = defineCheck({
  id: "dashboard/unique-panel-ids",
  description: "Every panel (rows included) has an id, unique within its dashboard.",
  severity: "error",
  // Grafana's grid moves overlapping panels down and renumbers duplicate ids on load: for
  // another team's dashboard these are our house rules (stable ids, our own layout).
  profiles: { community: "off" },
  scope: "dashboard",
  check({ dashboard }) {
    const seen = new Map<number, string>();
    const problems: Problem[] = [];
    for (const ref of panelsOf(dashboard.dashboard)) {
      const at = atPanel(ref);
      if (ref.id === undefined) {
        problems.push({
          ...at,
          message: "Panel has no numeric id: links and annotations need one.",
        });
        continue;
      }
      const first = seen.get(ref.id);
      if (first !== undefined) {
        problems.push({
          ...at,
          message: `Panel id ${ref.id} is also used by "${first}". Ids derive from titles: give the panels distinct titles.`,
        });
      } else seen.set(ref.id, ref.title);
    }
    return problems;
  },
});
