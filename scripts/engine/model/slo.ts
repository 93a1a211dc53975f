/**
 * Service level objectives as data (config/platform.ts `slos`): what is promised, measured as
 * the share of valid events that were good, and how fast a burning error budget alerts.
 * alerts/lib/slo.ts generates each SLO's recording rules and burn-rate alerts, the SLO
 * dashboard and the runbook read the same specs, and the names below tie them together.
 */
import { durationSeconds } from "./duration.ts";
import type { AlertSeverity, Duration } from "./rules.ts";
import { defined, type SourceSite } from "./site.ts";
import { tidy } from "../text/humanize.ts";

/** Events counted by one counter of the catalogue: its name and label matchers. */
export interface Events {
  metric: string;
  /** Matchers as written inside a selector's braces (`status="5xx"`); the SLO's job is added. */
  matchers?: string;
}

/**
 * The SLI: the share of valid events that were good. Availability counts `valid` events
 * (requests, attempts) and either the `good` ones (the rest failed) or the `bad` ones, or
 * both when some good-looking events failed too. Latency counts the events of a histogram at
 * or under a bucket bound as good: a real bound, so no interpolation decides.
 */
export type Sli =
  | {
      kind: "availability";
      /** What happened to the events that failed, for alert text: "were answered with a 5xx". */
      failed: string;
      valid: Events;
      good?: Events;
      bad?: readonly Events[];
    }
  | {
      kind: "latency";
      /** A histogram of the catalogue in seconds, by its base name. */
      histogram: string;
      matchers?: string;
      /** A finite bucket bound of the histogram, in its unit (slo/bucket-bound checks it). */
      le: number;
    };

/** One multiwindow burn-rate alert: both windows must burn faster than `factor`. */
export interface BurnRateTier {
  /** `page` fires as critical, `ticket` as warning. */
  notify: "page" | "ticket";
  /** Times faster than the objective allows: 1 spends the period's budget in the period. */
  factor: number;
  long: Duration;
  /** Confirms the burn is still going on, so the alert resolves soon after it stops. */
  short: Duration;
  for: Duration;
}

export interface AlertingPolicy {
  tiers: readonly BurnRateTier[];
}

export interface Slo {
  /** Kebab-case id: the `slo` label of its series and alerts, and the stem of its alert names. */
  name: string;
  /** The SLO as dashboards and alerts name it: "API availability". */
  title: string;
  /** The events it counts, for alert text and descriptions: "API requests". */
  events: string;
  /** The job whose series the SLI reads; its alerts carry it as their component. */
  component: string;
  sli: Sli;
  /** Labels the SLO is kept per, besides job (model_name: one budget per model). */
  by?: readonly string[];
  /** The share of valid events that must be good over `period` (0.999). */
  objective: number;
  period: Duration;
  /** Failed events a tier's long window must hold before the tier may fire. */
  minFailedEvents: number;
  alerting: AlertingPolicy;
  /** Uids of the dashboards to open when the budget burns. */
  dashboards: readonly string[];
  /** First steps when its budget burns, for the runbook. */
  runbook: readonly string[];
}

/** An SLO spec, remembered with where it was written: findings on its rules land there. */
export function defineSlo(slo: Slo): Slo {
  return defined(slo);
}

/** An SLO with where it was written, for findings. */
export interface SloSource {
  slo: Slo;
  site?: SourceSite;
}

/** The error budget: the share of events the objective lets fail (0.001 for 0.999). */
export const errorBudget = (slo: Slo): number => tidy(1 - slo.objective);

/** The error ratio at which a tier fires. */
export const burnThreshold = (slo: Slo, tier: BurnRateTier): number =>
  tidy(tier.factor * errorBudget(slo));

export const tierSeverity = (tier: BurnRateTier): AlertSeverity =>
  tier.notify === "page" ? "critical" : "warning";

/** The recorded series of every SLO (sloth's names), each labelled `slo="<name>"`. */
export const sloSeries = {
  /** Share of valid events that failed over the window. */
  errorRatio: (window: Duration) => `slo:sli_error:ratio_rate${window}`,
  /** Failed events per second over the window. */
  errorRate: (window: Duration) => `slo:sli_error:rate${window}`,
  /** Valid events per second over the window. */
  validRate: (window: Duration) => `slo:sli_valid:rate${window}`,
  /** 1 - (error ratio over the period / error budget): 1 untouched, 0 spent, below 0 overspent. */
  budgetRemaining: "slo:period_error_budget_remaining:ratio",
} as const;

/** Every window the tiers read, shortest first. */
export function sloWindows(slo: Slo): Duration[] {
  const windows = new Set(slo.alerting.tiers.flatMap((t) => [t.long, t.short]));
  return [...windows].sort((a, b) => durationSeconds(a) - durationSeconds(b));
}

const pascal = (kebab: string) =>
  kebab.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase());

/** A tier's alert: `ApiAvailabilityBudgetBurn1h`, after the SLO and the tier's long window. */
export const sloAlertName = (slo: Slo, tier: BurnRateTier): string =>
  `${pascal(slo.name)}BudgetBurn${tier.long}`;

/** `slo="<name>"`, the matcher that selects one SLO's recorded series. */
export const sloMatcher = (slo: Slo): string => `slo="${slo.name}"`;
