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
import { targetLabels, type Catalogue } from "../model/catalogue.ts";
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

/**
 * Series not shaped as the catalogue says the exporter reports them: a name it does not know,
 * labels it does not list, a histogram's bucket bounds other than its own. One finding per
 * metric, not per series.
 */
function seriesFindings(d: DrillSource, catalogue: Catalogue): Finding[] {
  const problems = new Map<string, string>();
  const bounds = new Map<string, { metric: string; seen: Set<number>; want: number[] }>();
  for (const s of d.drill.series) {
    if (problems.has(s.name)) continue;
    const known = resolveSeries(catalogue, s.name, "any");
    if (!known && !prometheusSeries.has(s.name)) {
      problems.set(
        s.name,
        `feeds "${s.name}", which is not in the catalogue (config/metrics/): no exporter reports it, so no rule should read it.`,
      );
      continue;
    }
    const allowed = new Set<string>([
      ...targetLabels,
      ...(known?.metric.labels ?? []),
      ...(known?.kind === "bucket" ? ["le"] : []),
      // A histogram exported as a summary too: the misconfiguration HistogramBucketsMissing sees.
      ...(known?.kind === "self" && known.metric.type !== "counter" && known.metric.type !== "gauge"
        ? ["quantile"]
        : []),
    ]);
    const extra = Object.keys(s.labels).filter((l) => !allowed.has(l));
    if (extra.length > 0) {
      problems.set(
        s.name,
        `feeds "${s.name}" with label ${extra.map((l) => `"${l}"`).join(", ")}, which the catalogue does not list for it: shape it as the exporter reports it, or add the label to the catalogue.`,
      );
      continue;
    }
    if (known?.kind === "bucket" && known.metric.buckets) {
      const { le, ...rest } = s.labels;
      const key = `${s.name}${JSON.stringify(Object.entries(rest).sort())}`;
      const entry = bounds.get(key) ?? {
        metric: s.name,
        seen: new Set(),
        want: known.metric.buckets,
      };
      entry.seen.add(le === "+Inf" ? Infinity : Number(le));
      bounds.set(key, entry);
    }
  }
  for (const { metric, seen, want } of bounds.values()) {
    const expected = [...want, Infinity];
    if (seen.size !== expected.length || expected.some((b) => !seen.has(b))) {
      problems.set(
        metric,
        `feeds "${metric}" with the bounds ${[...seen].sort((a, b) => a - b).join(", ")}, not the catalogue's ${expected.join(", ")}: shape it as the exporter reports it.`,
      );
    }
  }
  return [...problems.values()].map((message) => ({
    rule: "drills/series",
    severity: "error",
    where: { file: d.file },
    message: `Drill ${drillName(d)} ${message}`,
  }));
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
    findings.push(...seriesFindings(d, model.catalogue));
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
