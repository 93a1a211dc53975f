/**
 * What promtool cannot tell about the drills: every alert that pages is proven by one, each
 * names alerts that exist with their severity, points on-call at panels that exist, and feeds
 * series the catalogue knows, shaped to the drill's length.
 */
import type { Finding } from "../findings.ts";
import { durationSeconds } from "../model/duration.ts";
import { drillName, type DrillSource } from "../model/drills.ts";
import type { Model } from "../model/index.ts";
import { dashboardUid } from "../model/dashboard.ts";
import { resolveSeries } from "../model/series.ts";
import { panelsOf } from "../model/walk.ts";
import { ruleWhere } from "../model/where.ts";
import type { AlertingRule } from "../model/rules.ts";
import { didYouMean } from "../text/suggest.ts";

const drillsDir = "alerts/drills";

/** Series Prometheus writes itself, which a drill may feed besides the catalogue's. */
const prometheusSeries = new Set(["up"]);

function shapeFindings(d: DrillSource, where: Finding["where"]): Finding[] {
  const { drill } = d;
  const steps = durationSeconds(drill.duration) / durationSeconds(drill.step) + 1;
  const findings: Finding[] = [];
  const problem = (message: string) =>
    findings.push({ rule: "drills/shape", severity: "error", where, message });
  if (!Number.isInteger(steps))
    problem(`duration ${drill.duration} is no whole number of steps of ${drill.step}.`);
  const failureAt = drill.failureAt ? durationSeconds(drill.failureAt) : undefined;
  if (failureAt !== undefined && failureAt >= durationSeconds(drill.duration)) {
    problem(`failureAt ${drill.failureAt} is not before the end (${drill.duration}).`);
  }
  if (failureAt === undefined && drill.expect.length > 0) {
    problem("it expects alerts but has no failureAt: say when the failure starts.");
  }
  for (const e of drill.expect) {
    if ((failureAt ?? 0) + durationSeconds(e.within) > durationSeconds(drill.duration)) {
      problem(
        `${e.alert} is expected within ${e.within} of the failure, after the drill ends: lengthen it.`,
      );
    }
  }
  const wrongLength = drill.series.filter((s) => s.values.length !== steps);
  if (wrongLength.length > 0) {
    problem(
      `${wrongLength.length} series do not have one value per step (${steps}), e.g. ${wrongLength[0]!.name} with ${wrongLength[0]!.values.length}.`,
    );
  }
  return findings;
}

/** Every problem of the drills, all at once. */
export function drillCoverage(model: Model): Finding[] {
  const alerts = new Map<string, { rule: AlertingRule; where: Finding["where"] }>();
  for (const g of model.ruleGroups) {
    for (const r of g.group.rules) {
      if (r.kind === "alert") alerts.set(r.alert, { rule: r, where: ruleWhere(g, r.alert) });
    }
  }
  const findings: Finding[] = [];
  const drilled = new Set<string>();
  for (const d of model.drills) {
    const where = { file: d.file };
    const { drill } = d;
    findings.push(...shapeFindings(d, where));
    for (const e of drill.expect) {
      drilled.add(e.alert);
      const known = alerts.get(e.alert);
      if (!known) {
        findings.push({
          rule: "drills/unknown-alert",
          severity: "error",
          where: { ...where, alert: e.alert },
          message: `Drill ${drillName(d)} expects "${e.alert}", which no rule group defines.${didYouMean(e.alert, alerts.keys())}`,
        });
      } else if (known.rule.labels.severity !== e.severity) {
        findings.push({
          rule: "drills/severity",
          severity: "error",
          where: { ...where, alert: e.alert },
          message: `Drill ${drillName(d)} expects ${e.alert} at severity ${e.severity}, but the rule says ${known.rule.labels.severity}: fix the one that is wrong.`,
        });
      }
    }
    if (drill.panels.length === 0) {
      findings.push({
        rule: "drills/panels",
        severity: "error",
        where,
        message: `Drill ${drillName(d)} names no dashboard panel: say which panels on-call opens for this failure.`,
      });
    }
    for (const p of drill.panels) {
      const dashboard = model.dashboards.find((x) => dashboardUid(x) === p.dashboard);
      const titles = dashboard ? panelsOf(dashboard.dashboard).map((r) => r.title) : [];
      if (!dashboard || !titles.includes(p.panel)) {
        findings.push({
          rule: "drills/panels",
          severity: "error",
          where,
          message: dashboard
            ? `Drill ${drillName(d)} points at panel "${p.panel}", which dashboard ${p.dashboard} does not have.${didYouMean(p.panel, titles)}`
            : `Drill ${drillName(d)} points at dashboard "${p.dashboard}", which does not exist.${didYouMean(p.dashboard, model.dashboards.map(dashboardUid))}`,
        });
      }
    }
    const unknown = [
      ...new Set(
        drill.series
          .map((s) => s.name)
          .filter((n) => !prometheusSeries.has(n) && !resolveSeries(model.catalogue, n)),
      ),
    ];
    for (const name of unknown) {
      findings.push({
        rule: "drills/unknown-series",
        severity: "error",
        where,
        message: `Drill ${drillName(d)} feeds "${name}", which is not in the catalogue (config/metrics/): no exporter reports it, so no rule should read it.`,
      });
    }
  }
  for (const [name, { rule, where }] of alerts) {
    if (rule.labels.severity === "critical" && !drilled.has(name)) {
      findings.push({
        rule: "drills/untested-critical",
        severity: "error",
        where,
        message: `${name} pages (critical), but no drill expects it: add it to the drill of the outage it pages on in ${drillsDir}/, or write one.`,
      });
    }
  }
  return findings;
}
