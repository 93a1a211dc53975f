import { dashboardUid, type DashboardSource } from "./dashboard.ts";
import type { PanelRef } from "./walk.ts";
import type { Where } from "../findings.ts";
import type { RuleGroupSource } from "./rules.ts";
import type { Model } from "./index.ts";
import type { SourceSite } from "./site.ts";

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

/**
 * A finding about one of our dashboards, panels or rules, placed at the line of the .ts source
 * that defined it (the `defineDashboard`, the panel's object, the `alert(...)` call), where the
 * sources layer found one. Findings that already have a line, or are about foreign files (whose
 * dashboards and groups carry no sites), are left as they are.
 */
export function atSource(model: Model, w: Where): Where {
  if (w.line !== undefined) return w;
  let site: SourceSite | undefined;
  if (w.dashboard !== undefined) {
    const d = model.dashboards.find((x) => x.file === w.file && dashboardUid(x) === w.dashboard);
    site =
      (w.panel?.title !== undefined ? d?.sites?.panels[w.panel.title] : undefined) ??
      d?.sites?.dashboard;
  } else if (w.group !== undefined && w.alert !== undefined) {
    const g = [...model.ruleGroups, ...model.logRuleGroups].find(
      (x) => x.file === w.file && x.group.name === w.group,
    );
    site = g?.sites?.[w.alert];
  }
  return site ? { ...w, file: site.file, line: site.line, column: site.column } : w;
}
