import { variableNamed } from "../../model/datasources.ts";
import { isObject, str, targetsOf, variablesOf } from "../../model/walk.ts";
import { defineCheck, type Problem } from "../check.ts";

/**
 * Panels and targets point at a datasource variable of the dashboard, never at a hard-coded uid,
 * so the same JSON works in every Grafana whatever its datasources are called.
 */
export const panelDatasource = defineCheck({
  id: "panel/datasource",
  description: "Every panel's (and target's) datasource is a datasource variable of the dashboard.",
  severity: "error",
  profiles: { community: "off" },
  scope: "panel",
  check({ dashboard, panel }) {
    if (panel.type === "row") return [];
    const dsVars = variablesOf(dashboard.dashboard)
      .filter((v) => v.variable.type === "datasource")
      .map((v) => v.name);
    const places = [
      { ds: panel.panel.datasource, pointer: `${panel.pointer}/datasource`, optional: false },
      ...targetsOf(panel).map((t) => ({
        ds: t.target.datasource,
        pointer: `${t.pointer}/datasource`,
        optional: true,
      })),
    ];
    return places.flatMap(({ ds, pointer, optional }): Problem[] => {
      if (ds === undefined && optional) return [];
      const uid = isObject(ds) ? str(ds.uid) : str(ds);
      const name = uid && variableNamed(uid);
      if (name !== undefined && dsVars.includes(name)) return [];
      const choices = dsVars.map((v) => "${" + v + "}");
      return [
        {
          pointer,
          message:
            uid === undefined
              ? `Panel has no datasource: point it at a datasource variable (${choices.join(", ") || "add one"}).`
              : `Datasource "${uid}" is not a datasource variable of this dashboard: use ${choices.join(" or ") || "a datasource variable"}.`,
        },
      ];
    });
  },
});
