import type { ValidateFunction } from "ajv";
import type { DashboardSource } from "../../model/dashboard.ts";
import { isObject, panelsOf, targetsOf, type PanelRef } from "../../model/walk.ts";
import type { Severity } from "../../findings.ts";
import { describeErrors, type SchemaProblem } from "../../schema/errors.ts";
import type { Validators } from "../../schema/load.ts";
import { atPanel, defineCheck, type Problem } from "../check.ts";

/**
 * The oldest dashboard model the SDK's schema describes: schemaVersion 36 made datasources
 * `{type, uid}` references (panels replaced rows[] at 16). Grafana migrates older dashboards
 * when it loads them, so they are reported, not validated against a model they predate.
 */
export const minSchemaVersion = 36;

/** Panel types Grafana replaces when it loads a dashboard, with what it replaces them by. */
export const legacyPanelTypes: Record<string, string> = {
  graph: "timeseries",
  singlestat: "stat",
  "grafana-singlestat-panel": "stat",
  "table-old": "table",
  "grafana-piechart-panel": "piechart",
  "grafana-worldmap-panel": "geomap",
};

const inside = (pointer: string, prefix: string): boolean =>
  pointer === prefix || pointer.startsWith(`${prefix}/`);

/** Keys of Grafana's legacy graph panel, left on panels migrated from it: never a typo. */
const legacyKeys = new Set(["lines", "bars", "points", "fill", "stack", "legend", "tooltip"]);

/**
 * What a schema problem means in a dashboard file Grafana wrote or loads: Grafana fills in what
 * is missing, migrates legacy datasource names, treats null (and "" for a list) as unset and ignores properties it
 * does not know. Left are wrong types and values, and unknown properties that look like a typo
 * of a known one (Grafana ignores the setting). Undefined: nothing to report.
 */
function asGrafanaReads(p: SchemaProblem): { severity: Severity; message: string } | undefined {
  switch (p.keyword) {
    case "required":
      return undefined;
    case "enum":
      // Numbers where names are expected: the enums of older Grafana, which it migrates; null
      // is unset here too.
      return typeof p.data === "number" || p.data === null
        ? undefined
        : { severity: "error", message: p.message };
    case "additionalProperties":
      return p.suggested && !legacyKeys.has(p.pointer.replace(/^.*\//, ""))
        ? {
            severity: "warning",
            message: p.message.replace(/: allowed are [^.]*\./, ": Grafana ignores it."),
          }
        : undefined;
    case "type":
    case "anyOf":
      if (p.data === null || typeof p.data === "number" || typeof p.data === "boolean")
        return undefined;
      // Grafana 8-9 wrote `""` for an unset list (a table footer's `fields`); it reads it as empty.
      if (p.data === "" && /expected array/.test(p.message)) return undefined;
      if (typeof p.data === "string" && /\/datasource$/.test(p.pointer)) return undefined;
      return { severity: "error", message: p.message };
  }
  return { severity: "error", message: p.message };
}

type Validate = (validator: ValidateFunction, value: unknown, at: string, what: string) => void;

export const schemaDashboard = defineCheck({
  id: "schema/dashboard",
  description:
    "Every dashboard validates against the JSON Schema derived from the pinned foundation SDK (config/schema/): the dashboard model, each panel's options and fieldConfig.defaults.custom for its panel type, and each Prometheus and Loki target.",
  severity: "error",
  scope: "dashboard",
  // Grafana's leniency is another team's file's due; our house rules (platform) hold it strictly.
  check: ({ dashboard }, { model, settings }) =>
    checkDashboard(
      dashboard,
      model.validators,
      !!dashboard.fromFile && settings.profile === "community",
    ),
});

function checkDashboard(d: DashboardSource, validators: Validators, lenient: boolean): Problem[] {
  const dashboard: unknown = d.dashboard;
  // Deepest first, so a pointer is attributed to the innermost panel containing it.
  const refs = panelsOf(dashboard).sort((a, b) => b.pointer.length - a.pointer.length);
  const findings: Problem[] = [];
  const add = (severity: Severity, pointer: string, message: string) => {
    const ref = refs.find((r) => inside(pointer, r.pointer));
    const target = ref && targetsOf(ref).find((t) => inside(pointer, t.pointer));
    const at = ref ? atPanel(ref, pointer) : { pointer, where: {} };
    findings.push({
      severity,
      ...at,
      where: { ...at.where, ...(target ? { refId: target.refId } : {}) },
      message,
    });
  };
  if (!isObject(dashboard)) {
    add("error", "", "The dashboard is not a JSON object.");
    return findings;
  }
  const version = dashboard.schemaVersion;
  const old = typeof version === "number" && version < minSchemaVersion;
  if (old && !lenient) {
    add(
      "warning",
      "/schemaVersion",
      `schemaVersion ${version} predates the dashboard model the schema describes (${minSchemaVersion} and later); Grafana migrates it when loading it, so it was not validated. Open it in Grafana, save it and export it again to check it.`,
    );
    return findings;
  }
  const legacy = refs.filter((r) => legacyPanelTypes[r.type] !== undefined);
  const describeLegacy = (type: string) =>
    `Grafana replaces "${type}" with "${legacyPanelTypes[type]}" when it loads the dashboard`;
  if (lenient && legacy.length > 0) {
    // Once per dashboard: a file of legacy panels is one thing to know, not forty.
    const types = [...new Set(legacy.map((r) => r.type))];
    add(
      "info",
      legacy[0]!.pointer,
      `${legacy.length} legacy panel(s) (${types.join(", ")}; the first is here): ${types.map(describeLegacy).join("; ")}, so their settings were not validated. Rebuild them as ${types.map((t) => `"${legacyPanelTypes[t]}"`).join(", ")} panels.`,
    );
  } else {
    for (const ref of legacy) {
      add(
        "warning",
        ref.pointer,
        `Legacy panel type "${ref.type}": Grafana replaces it with "${legacyPanelTypes[ref.type]}" when it loads the dashboard, so its settings were not validated. Rebuild it as a "${legacyPanelTypes[ref.type]}" panel.`,
      );
    }
  }
  const validate: Validate = (validator, value, at, what) => {
    if (validator(value)) return;
    for (const p of describeErrors(validator.errors)) {
      const pointer = `${at}${p.pointer}`;
      if (legacy.some((r) => inside(pointer, r.pointer))) continue;
      const read = lenient ? asGrafanaReads(p) : { severity: "error" as const, message: p.message };
      if (read) add(read.severity, pointer, `${what}: ${read.message}`);
    }
  };
  // An old dashboard file is checked panel by panel after Grafana's migrations (in the
  // sources): its own top-level fields predate the model the schema describes.
  if (validators.dashboard && !old) validate(validators.dashboard, dashboard, "", "dashboard");
  for (const ref of refs.filter((r) => !legacy.includes(r)).reverse()) {
    checkPanel(ref, validate, validators);
  }
  return findings;
}

/** A panel's options and custom field config for its type, and its targets for their datasource. */
function checkPanel(ref: PanelRef, validate: Validate, validators: Validators): void {
  const options = validators.panelOptions.get(ref.type);
  if (options && ref.panel.options !== undefined) {
    validate(options, ref.panel.options, `${ref.pointer}/options`, `${ref.type} options`);
  }
  const custom = validators.panelFieldConfig.get(ref.type);
  const fc = ref.panel.fieldConfig;
  if (custom && isObject(fc) && isObject(fc.defaults) && fc.defaults.custom !== undefined) {
    validate(
      custom,
      fc.defaults.custom,
      `${ref.pointer}/fieldConfig/defaults/custom`,
      `${ref.type} fieldConfig.defaults.custom`,
    );
  }
  for (const t of targetsOf(ref)) {
    const query = t.datasourceType ? validators.queries.get(t.datasourceType) : undefined;
    if (query) validate(query, t.target, t.pointer, `${t.datasourceType} target`);
  }
}
