import { dashboardUid, type DashboardSource } from "./dashboard.ts";
import type { PanelRef } from "./walk.ts";
import type { Where } from "../findings.ts";
import type { RuleGroupSource } from "./rules.ts";

/** Where a finding about a dashboard (or one of its panels) is. */
export function dashboardWhere(d: DashboardSource, ref?: PanelRef, pointer?: string): Where {
  return {
    file: d.file,
    dashboard: dashboardUid(d),
    ...(ref ? { panel: { id: ref.id, title: ref.title } } : {}),
    pointer: pointer ?? ref?.pointer ?? "",
  };
}

/** Where a finding about a rule is. */
export const ruleWhere = (g: RuleGroupSource, name?: string): Where => ({
  file: g.file,
  group: g.group.name,
  ...(name !== undefined ? { alert: name } : {}),
});
