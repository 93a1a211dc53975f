import { formatPercent, tidy } from "../../scripts/authoring/index.ts";
import type { ThresholdSpec } from "./panels.ts";

/*
 * Panel thresholds built from an alert's threshold in config/platform.ts, so the red line on a
 * panel is where the alert fires and the two cannot drift apart. The amber line is the
 * dashboard's own early warning, derived from the same value.
 */

/** Red at the alert's threshold, amber at `warnShare` of it. */
export const alertLine = (critical: number, warnShare = 0.5): ThresholdSpec => ({
  warn: tidy(critical * warnShare),
  critical,
});

/** A usage ratio (0-1): red at the alert's threshold, amber with twice its headroom left (0.9: 0.8). */
export const usageLine = (critical: number): ThresholdSpec => ({
  warn: tidy(1 - 2 * (1 - critical)),
  critical,
});

export const percent = formatPercent;
export const seconds = (v: number): string => `${v} s`;

/** The thresholds in words, for a panel description: "Amber above 10, red above 20 (Alert)." */
export function thresholdText(
  t: ThresholdSpec,
  format: (v: number) => string = String,
  alert?: string,
): string {
  const side = t.below ? "below" : "above";
  const amber = t.warn === undefined ? [] : [`amber ${side} ${format(t.warn)}`];
  const red = t.critical === undefined ? [] : [`red ${side} ${format(t.critical)}`];
  const text = [...amber, ...red].join(", ");
  if (!text) return "";
  return `${text[0]!.toUpperCase()}${text.slice(1)}${alert ? ` (the ${alert} alert's threshold)` : ""}.`;
}
