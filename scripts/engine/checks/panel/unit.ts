import { isObject, panelsOf, str } from "../../model/walk.ts";
import type { Check } from "../check.ts";
import { dashboardWhere } from "../../model/where.ts";

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

export const unit: Check = {
  id: "panel/unit",
  description: "Every panel that shows numbers sets fieldConfig.defaults.unit.",
  run({ model }) {
    return model.dashboards.flatMap((d) =>
      panelsOf(d.dashboard)
        .filter((ref) => !unitlessPanelTypes.has(ref.type))
        .filter((ref) => {
          const fc = ref.panel.fieldConfig;
          return !(isObject(fc) && isObject(fc.defaults) && str(fc.defaults.unit));
        })
        .map((ref) => ({
          rule: this.id,
          severity: "error" as const,
          where: dashboardWhere(d, ref, `${ref.pointer}/fieldConfig/defaults/unit`),
          message:
            'Panel has no unit: set one (s, bytes, percentunit, reqps, ...; "none" for plain counts).',
        })),
    );
  },
};
