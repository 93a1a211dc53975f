/**
 * Numbers from config/platform.ts `thresholds` as words, for alert text and panel descriptions:
 * retuning a threshold retunes the words that describe it.
 */
import type { Duration } from "../model/rules.ts";
import { durationSeconds, unitSeconds, type DurationUnit as Unit } from "../model/duration.ts";

export { durationSeconds };

/** Largest first; weeks and years read better as days in alert text ("14 days"). */
const spoken: [Unit, string][] = [
  ["d", "day"],
  ["h", "hour"],
  ["m", "minute"],
  ["s", "second"],
];

/** A number without floating-point noise: 0.05 * 100 is 5.000000000000001. */
export const tidy = (x: number): number => Number(x.toPrecision(6));

/** A duration in words, in the largest unit it is a whole number of: "5m" -> "5 minutes". */
export function formatDuration(d: Duration | number): string {
  const seconds = typeof d === "number" ? d : durationSeconds(d);
  const [unit, word] = spoken.find(([u]) => Number.isInteger(tidy(seconds / unitSeconds[u]))) ?? [
    "s",
    "second",
  ];
  const n = tidy(seconds / unitSeconds[unit]);
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A ratio as a percentage: 0.05 -> "5%", 0.999 -> "99.9%". */
export const formatPercent = (ratio: number): string => `${tidy(ratio * 100)}%`;

/** A quantile as a percentile name: 0.95 -> "p95". */
export const formatPercentile = (quantile: number): string => `p${tidy(quantile * 100)}`;

/** A duration rounded for reading, in the largest unit it is at least 2 of: "2.8 days". */
export function formatRoughDuration(seconds: number): string {
  const [unit, word] = spoken.find(([u]) => seconds / unitSeconds[u] >= 2) ?? ["s", "second"];
  const n = Math.round((seconds / unitSeconds[unit]) * 10) / 10;
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
