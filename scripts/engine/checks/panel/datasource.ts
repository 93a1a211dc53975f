import { isObject, panelsOf, str, targetsOf, variablesOf } from "../../model/walk.ts";
import type { Finding } from "../../findings.ts";
import type { Check } from "../check.ts";
import { dashboardWhere } from "../../model/where.ts";

const variableRef = /^\$\{?([A-Za-z0-9_]+)\}?$/;

/**
 * Panels and targets point at a datasource variable of the dashboard, never at a hard-coded uid,
 * so the same JSON works in every Grafana whatever its datasources are called.
 */
export const datasource: Check = {
  id: "panel/datasource",
  description: "Every panel's (and target's) datasource is a datasource variable of the dashboard.",
  run({ model }) {
    const findings: Finding[] = [];
    for (const d of model.dashboards) {
      const dsVars = new Set(
        variablesOf(d.dashboard)
          .filter((v) => v.variable.type === "datasource")
          .map((v) => v.name),
      );
      for (const ref of panelsOf(d.dashboard)) {
        if (ref.type === "row") continue;
        const places = [
          { ds: ref.panel.datasource, pointer: `${ref.pointer}/datasource`, optional: false },
          ...targetsOf(ref).map((t) => ({
            ds: t.target.datasource,
            pointer: `${t.pointer}/datasource`,
            optional: true,
          })),
        ];
        for (const { ds, pointer, optional } of places) {
          if (ds === undefined && optional) continue;
          const uid = isObject(ds) ? str(ds.uid) : str(ds);
          const name = uid?.match(variableRef)?.[1];
          if (name !== undefined && dsVars.has(name)) continue;
          findings.push({
            rule: this.id,
            severity: "error",
            where: dashboardWhere(d, ref, pointer),
            message:
              uid === undefined
                ? `Panel has no datasource: point it at a datasource variable (${[...dsVars].map((v) => "${" + v + "}").join(", ") || "add one"}).`
                : `Datasource "${uid}" is not a datasource variable of this dashboard: use ${[...dsVars].map((v) => "${" + v + "}").join(" or ") || "a datasource variable"}.`,
          });
        }
      }
    }
    return findings;
  },
};
