import {
  errorBudget,
  formatDuration,
  formatPercent,
  sloSeries,
  sloWindows,
  type Slo,
} from "../scripts/authoring/index.ts";
import { slos } from "../config/platform.ts";
import { defineDashboard, type RowSpec } from "./lib/dashboard.ts";
import { burnRate, sloSelector, tierLines, tiersText } from "./lib/slo.ts";

/** `{{model_name}} ` before a window's name, for an SLO kept per model. */
const legendOf = (slo: Slo, what: string) =>
  `${(slo.by ?? []).map((l) => `{{${l}}} `).join("")}${what}`;

/** One row per SLO: its budget, how fast it burns per window, the SLI against the objective. */
function sloRow(slo: Slo): RowSpec {
  const period = formatDuration(slo.period);
  const objective = formatPercent(slo.objective);
  const links = slo.dashboards.map((uid) => ({ title: `${uid} dashboard`, dashboard: uid }));
  const tiers = slo.alerting.tiers;
  return {
    title: `${slo.title}: ${objective} over ${period}`,
    panels: [
      {
        kind: "stat",
        title: `${slo.title}: error budget left`,
        description: `Share of the ${formatPercent(errorBudget(slo))} error budget of ${period} not spent yet: 100% nothing failed, 0% the ${objective} objective is met exactly, below 0 it is missed. Counted from the recorded rates, so from when the rules started until they have ${period} of history. Red below 0, amber below 25%.`,
        unit: "percentunit",
        width: 6,
        thresholds: { warn: 0.25, critical: 0, below: true },
        links,
        queries: [
          { expr: sloSelector(slo, sloSeries.budgetRemaining), legend: legendOf(slo, "left") },
        ],
      },
      {
        kind: "timeseries",
        title: `${slo.title}: burn rate per window`,
        description: `The error ratio over each window the alerts read, divided by the ${formatPercent(errorBudget(slo))} error budget: how many times faster than the objective allows the budget goes (1 spends it in exactly ${period}). ${tiersText(slo)}`,
        unit: "short",
        width: 10,
        min: 0,
        thresholds: tierLines(slo),
        links,
        queries: sloWindows(slo).map((w) => ({ expr: burnRate(slo, w), legend: legendOf(slo, w) })),
      },
      {
        kind: "timeseries",
        title: `${slo.title}: SLI against the objective`,
        description: `Share of ${slo.events} that were good over the last ${formatDuration(tiers[0]?.long ?? slo.period)} and over the whole ${period}; red below the ${objective} objective.`,
        unit: "percentunit",
        width: 8,
        max: 1,
        thresholds: { critical: slo.objective, below: true },
        links,
        queries: [tiers[0]?.long ?? slo.period, slo.period].map((w) => ({
          expr: `1 - ${sloSelector(slo, sloSeries.errorRatio(w))}`,
          legend: legendOf(slo, w),
        })),
      },
    ],
  };
}

/** The SLOs: every objective of config/platform.ts, its error budget and how fast it burns. */
export default defineDashboard({
  slug: "slos",
  title: "ML platform / SLOs",
  description:
    "Every service level objective of the platform: the error budget left over its period, the burn rate over each window its alerts read (with the tiers they fire at) and the SLI against the objective. The panels link to the dashboards of the components each depends on.",
  tags: ["slo"],
  rows: slos.map(sloRow),
});
