import { modelLabelSets } from "../../alerting/labelsets.ts";
import { didYouMean } from "../../text/suggest.ts";
import { defineCheck, type Problem } from "../check.ts";

const platformFile = { file: "config/platform.ts" };

/**
 * An alert no team owns is routed only by severity, to the fallback team: a page for the
 * wrong people. Every alert's `component` (with `{{ $labels.job }}` filled in for each job it
 * selects) is a component of exactly one team, and the routing's names exist.
 */
export const alertmanagerRouting = defineCheck({
  id: "alertmanager/routing",
  description:
    "Every alert's component label belongs to exactly one team of platform.alerting, every team component is a job, the fallback team exists, and every componentDown alert is an alert.",
  severity: "error",
  scope: "model",
  check(_subject, { model }) {
    const { alerting, components } = model.platform;
    const jobs = Object.values(components).map((c) => c.job);
    const teams = Object.entries(alerting.teams);
    const problems: Problem[] = [];
    const at = (message: string): Problem => ({ where: platformFile, message });
    for (const [team, t] of teams) {
      for (const c of t.components.filter((c) => !jobs.includes(c))) {
        problems.push(
          at(
            `Team "${team}" owns "${c}", which is no job of platform.components.${didYouMean(c, jobs)}`,
          ),
        );
      }
    }
    for (const job of jobs) {
      const owners = teams.filter(([, t]) => t.components.includes(job)).map(([team]) => team);
      if (owners.length !== 1) {
        problems.push(
          at(
            `Job "${job}" is a component of ${owners.length === 0 ? "no team" : `teams ${owners.join(" and ")}`}: list it under exactly one of platform.alerting.teams, or its alerts page ${owners.length === 0 ? "the fallback team" : "twice"}.`,
          ),
        );
      }
    }
    if (!alerting.teams[alerting.fallbackTeam]) {
      problems.push(
        at(
          `platform.alerting.fallbackTeam is "${alerting.fallbackTeam}", which is no team (teams: ${teams.map(([t]) => t).join(", ")}).`,
        ),
      );
    }
    const sets = modelLabelSets(model);
    const alertNames = new Set(sets.map((s) => s.alert));
    for (const name of alerting.componentDown.filter((n) => !alertNames.has(n))) {
      problems.push(
        at(
          `platform.alerting.componentDown names "${name}", which is no alert: nothing would silence a component's other alerts.${didYouMean(name, [...alertNames])}`,
        ),
      );
    }
    const owned = new Set(teams.flatMap(([, t]) => t.components));
    const reported = new Set<string>();
    for (const s of sets) {
      const component = s.labels.component;
      const key = `${s.alert}\u0000${component}`;
      if (component !== undefined && owned.has(component)) continue;
      // The monitoring stack's own alerts are no component's: the fallback team's by design.
      if (s.source.group.stack && component === undefined) continue;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push({
        where: {
          file: s.source.file,
          group: s.source.group.name,
          alert: s.alert,
          pointer: "/labels/component",
        },
        message:
          component === undefined
            ? `Alert "${s.alert}" has no component label: Alertmanager routes it by severity alone, to the fallback team. Give it its component.`
            : `Alert "${s.alert}" has component "${component}", which no team of platform.alerting owns: it would reach the fallback team.${didYouMean(component, [...owned])}`,
      });
    }
    return problems;
  },
});
