/**
 * Outage drills: a failure mode of the platform as the series the exporters would really
 * report over time (replicas included), and what must page, by when, while nothing else does.
 * alerts/drills/ holds them; scripts/engine/prometheus/drills.ts runs them on promtool.
 */
import type { AlertSeverity, Duration } from "./rules.ts";

export interface DrillSeries {
  name: string;
  /** Every label as Prometheus stores the series, target labels (job, instance, ...) included. */
  labels: Readonly<Record<string, string>>;
  /**
   * One sample per step from the drill's start. null: no sample (the scrape failed, the target
   * is gone or the exporter does not export it then); the first one after a value reads as
   * Prometheus' staleness marker.
   */
  values: readonly (number | null)[];
}

export interface ExpectedAlert {
  alert: string;
  severity: AlertSeverity;
  /** Firing no later than this after the failure starts, and from then until the drill ends. */
  within: Duration;
  /**
   * The alerts that fire, one entry each, with labels they must carry (besides alertname and
   * severity): `[{ instance: "ml-worker-1" }]`. Absent: exactly one alert, whatever its labels.
   */
  firing?: readonly Readonly<Record<string, string>>[];
}

/** A dashboard panel on-call opens for this failure: the dashboard's uid and the panel title. */
export interface DrillPanel {
  dashboard: string;
  panel: string;
}

export interface Drill {
  /** The failure mode, in on-call's words. */
  summary: string;
  /** Time between two samples: the scrape interval, also the rule evaluation interval. */
  step: Duration;
  duration: Duration;
  /** When the failure starts; nothing fires before it. Absent: a state that stays quiet. */
  failureAt?: Duration;
  series: DrillSeries[];
  /** What fires; anything else firing fails the drill. Empty: nothing may fire. */
  expect: ExpectedAlert[];
  /** Where on-call looks: at least one panel, which must exist. */
  panels: DrillPanel[];
}

/** A drill with the module it came from; its name is the module's file name. */
export interface DrillSource {
  file: string;
  drill: Drill;
}

export const drillName = (d: DrillSource): string =>
  d.file.slice(d.file.lastIndexOf("/") + 1).replace(/\.ts$/, "");
