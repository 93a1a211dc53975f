import { asArray, isObject } from "../../model/walk.ts";
import { defineCheck, type Problem } from "../check.ts";

/**
 * Threshold steps Grafana can draw. JSON has no NaN or Infinity: a step built from one is
 * written as `"value": null`, which Grafana reads as the base step, so the line silently moves.
 * The base step itself has no value: null, or (as Grafana exports it) no `value` key at all.
 */
export const panelThresholds = defineCheck({
  id: "panel/thresholds",
  description:
    "Every threshold step of a panel has a finite number as its value, except the first (the base: null or no value).",
  severity: "error",
  scope: "panel",
  check({ panel }) {
    const fc = panel.panel.fieldConfig;
    const t = isObject(fc) && isObject(fc.defaults) ? fc.defaults.thresholds : undefined;
    if (!isObject(t)) return [];
    return asArray(t.steps).flatMap((step, i): Problem[] => {
      const value = isObject(step) ? step.value : undefined;
      if (
        typeof value === "number"
          ? Number.isFinite(value)
          : i === 0 && (value === null || value === undefined)
      )
        return [];
      const what = typeof value === "number" ? String(value) : JSON.stringify(value ?? null);
      return [
        {
          pointer: `${panel.pointer}/fieldConfig/defaults/thresholds/steps/${i}/value`,
          message: `Threshold step ${i + 1} has the value ${what}: only the first step may have none (null); give this one a finite number (in this project's sources, a NaN or Infinity threshold in config/platform.ts ends up here).`,
        },
      ];
    });
  },
});
