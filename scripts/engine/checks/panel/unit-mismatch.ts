import { isObject, str } from "../../model/walk.ts";
import { defineCheck } from "../check.ts";
import { allowedUnits, resultUnit } from "../result-unit.ts";
import { queryFacts } from "../scope.ts";

const describe = (r: NonNullable<ReturnType<typeof resultUnit>>) =>
  r.kind === "ratio" ? "a ratio (0-1)" : r.kind === "rate" ? `${r.unit} per second` : r.unit;

export const panelUnitMismatch = defineCheck({
  id: "panel/unit-mismatch",
  description:
    "A panel's unit agrees with what its queries return, from the catalogue's units (a seconds histogram shown as ns is wrong).",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, ctx) {
    if (!query.panel) return [];
    const fc = query.panel.ref.panel.fieldConfig;
    const unit = isObject(fc) && isObject(fc.defaults) ? str(fc.defaults.unit) : undefined;
    const top = parsed.tree.topNode.firstChild;
    const result = top && resultUnit(parsed, top, queryFacts(ctx, query, parsed).lookup);
    if (!unit || !result) return [];
    const allowed = allowedUnits(result);
    if (allowed.includes(unit)) return [];
    return [
      {
        message: `Panel unit is "${unit}" but the query returns ${describe(result)} (units from the catalogue): use ${allowed
          .slice(0, 3)
          .map((u) => `"${u}"`)
          .join(" or ")}.`,
      },
    ];
  },
});
