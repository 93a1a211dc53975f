/**
 * The SLO generator: one SLO spec (config/platform.ts `slos`) in, its rule group out, as sloth
 * and pyrra generate theirs. Recording rules for the SLI over every window its tiers read,
 * the error budget left over the period, and one multiwindow burn-rate alert per tier, each
 * with a traffic floor. Pure: the same spec always gives the same rules.
 */
import {
  burnThreshold,
  definedAs,
  durationSeconds,
  errorBudget,
  formatDuration,
  formatPercent,
  formatRoughDuration,
  leMatcher,
  sloAlertName,
  sloMatcher,
  sloSeries,
  sloWindows,
  tierSeverity,
  type BurnRateTier,
  type Duration,
  type Events,
  type Rule,
  type RuleGroup,
  type Slo,
} from "../../scripts/authoring/index.ts";
import { alert, record } from "./alert.ts";

/** The SLI's valid events per second over a window, and the terms that add up to the failed ones. */
function sliExprs(slo: Slo) {
  const by = ["job", ...(slo.by ?? [])].join(", ");
  const select = (metric: string, matchers?: string) =>
    `${metric}{job="${slo.component}"${matchers ? `, ${matchers}` : ""}}`;
  const rate = (series: string, w: Duration) => `sum by (${by}) (rate(${series}[${w}]))`;
  const sli = slo.sli;
  if (sli.kind === "latency") {
    const count = select(`${sli.histogram}_count`, sli.matchers);
    const bucket = select(
      `${sli.histogram}_bucket`,
      [sli.matchers, leMatcher(sli.le)].filter(Boolean).join(", "),
    );
    return {
      valid: (w: Duration) => rate(count, w),
      errors: (w: Duration) => [`clamp_min(${rate(count, w)} - ${rate(bucket, w)}, 0)`],
    };
  }
  const valid = (w: Duration) => rate(select(sli.valid.metric, sli.valid.matchers), w);
  // A counter nobody has incremented yet has no series: `or 0 * valid` reads it as 0.
  const counted = (e: Events, w: Duration) =>
    `(${rate(select(e.metric, e.matchers), w)} or 0 * ${valid(w)})`;
  return {
    valid,
    errors: (w: Duration) => [
      // Valid events without a good one failed; good counters can run ahead between scrapes.
      ...(sli.good ? [`clamp_min(${valid(w)} - ${counted(sli.good, w)}, 0)`] : []),
      ...(sli.bad ?? []).map((e) => counted(e, w)),
    ],
  };
}

/** What a failed event is, in words: "were answered with a 5xx", "took longer than 1s". */
const failedWords = (slo: Slo): string =>
  slo.sli.kind === "latency" ? `took longer than ${slo.sli.le}s` : slo.sli.failed;

/** " ({{ $labels.model_name }})" for an SLO kept per model: which one burns. */
const perLabel = (slo: Slo): string =>
  slo.by?.length ? ` (${slo.by.map((l) => `{{ $labels.${l} }}`).join(", ")})` : "";

function tierAlert(slo: Slo, tier: BurnRateTier): Rule {
  const sel = `{${sloMatcher(slo)}}`;
  const threshold = burnThreshold(slo, tier);
  const period = durationSeconds(slo.period);
  // Two significant digits: "3% of 28 days", not "2.97619%".
  const spent = formatPercent(
    Number(((tier.factor * durationSeconds(tier.long)) / period).toPrecision(2)),
  );
  const lasts = formatRoughDuration(period / tier.factor);
  return alert({
    alert: sloAlertName(slo, tier),
    // Both windows: the long one proves the burn is big enough, the short one that it is still
    // going on (the alert resolves minutes after it stops). The floor, on failed events rather
    // than on traffic, keeps a few failures of a quiet hour quiet and pages a quiet night's outage.
    expr: [
      `${sloSeries.errorRatio(tier.long)}${sel} > ${threshold}`,
      `${sloSeries.errorRatio(tier.short)}${sel} > ${threshold}`,
      `${sloSeries.errorRate(tier.long)}${sel} * ${durationSeconds(tier.long)} > ${slo.minFailedEvents}`,
    ].join(" and "),
    for: tier.for,
    severity: tierSeverity(tier),
    component: slo.component,
    summary: `${slo.title}${perLabel(slo)}: error budget burning ${tier.factor}x (${spent} of ${formatDuration(slo.period)} in ${formatDuration(tier.long)})`,
    description: `{{ $value | humanizePercentage }} of ${slo.events}${perLabel(slo)} ${failedWords(slo)} over the last ${formatDuration(tier.long)}, and over the last ${formatDuration(tier.short)} too: more than ${tier.factor === 1 ? "" : `${tier.factor} times `}the ${formatPercent(errorBudget(slo))} error budget of the ${formatPercent(slo.objective)} objective. At this rate the budget of ${formatDuration(slo.period)} lasts ${lasts}.`,
    runbook: [
      `SLOs dashboard, row ${slo.title}: budget left over ${formatDuration(slo.period)}, burn rate per window, the SLI against its objective.`,
      ...slo.runbook,
      tier.notify === "page"
        ? `At this rate the budget is gone in ${lasts}: stop the burn first (roll back, scale, fail over), find the cause after.`
        : `Not urgent (the budget lasts ${lasts} at this rate), but it will not stop by itself: find the cause this week.`,
    ],
  });
}

/** The SLI's valid events per second over a window, as an expression of raw series. */
export const sliValidRate = (slo: Slo, w: Duration): string => sliExprs(slo).valid(w);

/** Failed over valid events over a window: the failed terms in parentheses when there are several. */
export function sliErrorRatio(slo: Slo, w: Duration): string {
  const { valid, errors } = sliExprs(slo);
  const terms = errors(w);
  const failed = terms.join(" + ");
  return `${terms.length > 1 ? `(${failed})` : failed} / ${valid(w)}`;
}

/** Every recording rule and alert of one SLO, in the order Prometheus evaluates them. */
export function sloRuleGroup(slo: Slo): RuleGroup {
  const labels = { slo: slo.name };
  const sel = `{${sloMatcher(slo)}}`;
  const sli = sliExprs(slo);
  const { valid } = sli;
  const errors = (w: Duration) => sli.errors(w).join(" + ");
  const ratio = (w: Duration) => sliErrorRatio(slo, w);
  const windows = sloWindows(slo);
  const shortest = windows[0]!;
  // Failed events per second where a floor or the period reads them; valid ones for the period.
  const floors = new Set([shortest, ...slo.alerting.tiers.map((t) => t.long)]);
  const period = slo.period;
  const rules: Rule[] = [
    ...windows.map((w) => record(sloSeries.errorRatio(w), ratio(w), labels)),
    ...windows
      .filter((w) => floors.has(w))
      .map((w) => record(sloSeries.errorRate(w), errors(w), labels)),
    record(sloSeries.validRate(shortest), valid(shortest), labels),
    // Failed over valid events of the whole period, weighted by traffic: summing the short
    // window's rates, not raw counters over 30 days (cheap, and exact up to the window's edges).
    record(
      sloSeries.errorRatio(period),
      `sum_over_time(${sloSeries.errorRate(shortest)}${sel}[${period}]) / sum_over_time(${sloSeries.validRate(shortest)}${sel}[${period}])`,
      labels,
    ),
    record(
      sloSeries.budgetRemaining,
      `1 - ${sloSeries.errorRatio(period)}${sel} / ${errorBudget(slo)}`,
      labels,
    ),
    ...slo.alerting.tiers.map((t) => tierAlert(slo, t)),
  ];
  return { name: `slo-${slo.name}`, rules: rules.map((r) => definedAs(r, slo)) };
}
