import { isObject, str } from "../../model/walk.ts";
import { defineCheck } from "../check.ts";

/** Panel types that show no numbers, so have no unit to set. */
export const unitlessPanelTypes = new Set([
  "row",
  "logs",
  "text",
  "news",
  "dashlist",
  "alertlist",
  "nodeGraph",
  "traces",
]);

export const panelUnit = defineCheck({
  id: "panel/unit",
  description: "Every panel that shows numbers sets fieldConfig.defaults.unit.",
  severity: "error",
  profiles: { community: "off" },
  scope: "panel",
  check({ panel }) {
    if (unitlessPanelTypes.has(panel.type)) return [];
    const fc = panel.panel.fieldConfig;
    if (isObject(fc) && isObject(fc.defaults) && str(fc.defaults.unit)) return [];
    return [
      {
        pointer: `${panel.pointer}/fieldConfig/defaults/unit`,
        message:
          'Panel has no unit: set one (s, bytes, percentunit, reqps, ...; "none" for plain counts).',
      },
    ];
  },
});
