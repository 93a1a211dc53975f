import {
  burnThreshold,
  errorBudget,
  formatDuration,
  sloAlertName,
  sloMatcher,
  sloSeries,
  type BurnRateTier,
  type Duration,
  type Slo,
} from "../../scripts/authoring/index.ts";
import { slos } from "../../config/platform.ts";
import type { ThresholdSpec } from "./panels.ts";

/*
 * Panels on an SLO's recorded series (alerts/lib/slo.ts), with the lines its burn-rate tiers
 * fire at, so a dashboard and the alerts read the same numbers.
 */

/** The SLO of config/platform.ts with this name. */
export function sloNamed(name: string): Slo {
  const slo = slos.find((s) => s.name === name);
  if (!slo) throw new Error(`No SLO "${name}" in config/platform.ts slos.`);
  return slo;
}

/** An SLO's recorded series, narrowed by more matchers (`job="$job"`). */
export const sloSelector = (slo: Slo, series: string, matchers?: string): string =>
  `${series}{${[sloMatcher(slo), matchers].filter(Boolean).join(", ")}}`;

/** The error ratio over a window as a burn rate: 1 spends the period's budget in the period. */
export const burnRate = (slo: Slo, window: Duration, matchers?: string): string =>
  `${sloSelector(slo, sloSeries.errorRatio(window), matchers)} / ${errorBudget(slo)}`;

/** Each tier's colour: tickets amber, pages red, the faster of two the darker. */
function tierColours(slo: Slo): Map<BurnRateTier, string> {
  const palette = { ticket: ["yellow", "orange"], page: ["red", "dark-red"] } as const;
  const out = new Map<BurnRateTier, string>();
  for (const notify of ["ticket", "page"] as const) {
    const tiers = slo.alerting.tiers
      .filter((t) => t.notify === notify)
      .sort((a, b) => a.factor - b.factor);
    tiers.forEach((t, i) => out.set(t, palette[notify][Math.min(i, 1)]!));
  }
  return out;
}

/** A line at each tier's burn rate (`ratio`: at the error ratio it fires at instead). */
export function tierLines(slo: Slo, ratio = false): ThresholdSpec {
  const colours = tierColours(slo);
  const levels = [...slo.alerting.tiers]
    .sort((a, b) => a.factor - b.factor)
    .map((t) => [ratio ? burnThreshold(slo, t) : t.factor, colours.get(t)!] as const);
  return { levels };
}

/** The tiers in words, for a panel description. */
export const tiersText = (slo: Slo): string =>
  `The lines are the burn-rate tiers: ${slo.alerting.tiers
    .map(
      (t) =>
        `${t.factor} (${sloAlertName(slo, t)}, ${t.notify === "page" ? "pages" : "opens a ticket"} when the ${formatDuration(t.long)} and ${formatDuration(t.short)} rates both pass it)`,
    )
    .join(", ")}.`;
