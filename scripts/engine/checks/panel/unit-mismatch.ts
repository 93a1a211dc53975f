import { isObject, str } from "../../model/walk.ts";
import type { Check } from "../check.ts";
import { seriesIndex } from "../known-series.ts";
import { queryFindings } from "../promql-findings.ts";
import { dashboardPromQueries } from "../queries.ts";
import { allowedUnits, resultUnit } from "../result-unit.ts";

const describe = (r: NonNullable<ReturnType<typeof resultUnit>>) =>
  r.kind === "ratio" ? "a ratio (0-1)" : r.kind === "rate" ? `${r.unit} per second` : r.unit;

export const unitMismatch: Check = {
  id: "panel/unit-mismatch",
  description:
    "A panel's unit agrees with what its queries return, from the catalogue's units (a seconds histogram shown as ns is wrong).",
  run({ model }) {
    const index = seriesIndex(model);
    const queries = model.dashboards.flatMap(dashboardPromQueries).filter((q) => q.panel);
    return queryFindings(
      model,
      this.id,
      "error",
      (q, parsed) => {
        const fc = q.panel!.ref.panel.fieldConfig;
        const unit = isObject(fc) && isObject(fc.defaults) ? str(fc.defaults.unit) : undefined;
        const top = parsed.tree.topNode.firstChild;
        const result = top && resultUnit(parsed, top, index);
        if (!unit || !result) return [];
        const allowed = allowedUnits(result);
        if (allowed.includes(unit)) return [];
        return [
          {
            message: `Panel unit is "${unit}" but the query returns ${describe(result)} (units from config/metrics/): use ${allowed
              .slice(0, 3)
              .map((u) => `"${u}"`)
              .join(" or ")}.`,
          },
        ];
      },
      queries,
    );
  },
};
