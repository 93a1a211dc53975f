import type { Duration } from "./rules.ts";

/** Seconds in each unit of a Prometheus duration. */
export const unitSeconds = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  y: 31_536_000,
};
export type DurationUnit = keyof typeof unitSeconds;

/**
 * Seconds in any Prometheus duration (`5m`, `1h30m`, `500ms`), units largest first as Prometheus
 * requires; undefined when it is none (a duration a user wrote, not one of our sources).
 */
export function parseDuration(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * unitSeconds[p[2] as DurationUnit], 0);
}

/** Seconds in a Prometheus duration of our sources ("5m" -> 300; "1h30m", as promtool's eval_time, -> 5400). */
export function durationSeconds(d: Duration): number {
  const seconds = parseDuration(d);
  if (seconds === undefined) throw new Error(`"${d}" is not a Prometheus duration like 5m or 1h.`);
  return seconds;
}
