import {
  durationSeconds,
  type Drill,
  type DrillPanel,
  type DrillSeries,
  type Duration,
  type ExpectedAlert,
} from "../../../scripts/authoring/index.ts";
import { platform } from "../../../config/platform.ts";
import { simulate, type Overrides } from "./platform.ts";

/** The failure's timing, for writing overrides: `f.then(before, after)` switches at the failure. */
export interface Failure {
  /** Whether the failure is on at t. */
  on(t: number): boolean;
  /** `before` until the failure starts, `after` from then on. */
  then<T>(before: T, after: T): (t: number) => T;
}

export interface DrillSpec {
  summary: string;
  duration: Duration;
  /** Default: Prometheus' scrape interval. */
  step?: Duration;
  failureAt?: Duration;
  /** What breaks, as changes to the normal day (alerts/drills/lib/platform.ts). */
  platform?: (f: Failure) => Overrides;
  expect: ExpectedAlert[];
  panels: DrillPanel[];
}

/**
 * A drill: the platform's series over the drill's time, with the failure applied. They are
 * simulated on first use: the build loads every drill, only the drill runs need their series.
 */
export function defineDrill(spec: DrillSpec): Drill {
  const step = spec.step ?? (platform.monitoring.scrapeInterval as Duration);
  const stepSeconds = durationSeconds(step);
  const times = Array.from(
    { length: Math.floor(durationSeconds(spec.duration) / stepSeconds) + 1 },
    (_, i) => i * stepSeconds,
  );
  const start = spec.failureAt ? durationSeconds(spec.failureAt) : Infinity;
  const failure: Failure = {
    on: (t) => t >= start,
    then: (before, after) => (t) => (t >= start ? after : before),
  };
  let series: DrillSeries[] | undefined;
  return {
    summary: spec.summary,
    step,
    duration: spec.duration,
    ...(spec.failureAt ? { failureAt: spec.failureAt } : {}),
    get series() {
      series ??= simulate(times, stepSeconds, spec.platform?.(failure) ?? {});
      return series;
    },
    expect: spec.expect,
    panels: spec.panels,
  };
}
