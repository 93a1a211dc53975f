export interface SchemaTarget {
  /** Path under config/schema/. */
  file: string;
  /** SDK module (folder under the package's dist/) declaring the type. */
  module: string;
  /** Exported interface or type alias in that module's types.gen.d.ts. */
  type: string;
}

/** The v1 dashboard model; rows are part of it (`RowPanel`). */
export const dashboardSchema: SchemaTarget = {
  file: "dashboard.json",
  module: "dashboard",
  type: "Dashboard",
};

/** `options` of every panel type our dashboards use. */
export const panelOptionsSchemas: Record<string, SchemaTarget> = {
  heatmap: { file: "panels/heatmap.options.json", module: "heatmap", type: "Options" },
  logs: { file: "panels/logs.options.json", module: "logs", type: "Options" },
  stat: { file: "panels/stat.options.json", module: "stat", type: "Options" },
  table: { file: "panels/table.options.json", module: "table", type: "Options" },
  timeseries: { file: "panels/timeseries.options.json", module: "timeseries", type: "Options" },
};

/** `fieldConfig.defaults.custom` of the panel types that declare one (stat and logs do not). */
export const panelFieldConfigSchemas: Record<string, SchemaTarget> = {
  heatmap: { file: "panels/heatmap.field-config.json", module: "heatmap", type: "FieldConfig" },
  table: { file: "panels/table.field-config.json", module: "table", type: "FieldConfig" },
  timeseries: {
    file: "panels/timeseries.field-config.json",
    module: "timeseries",
    type: "FieldConfig",
  },
};

/** Panel targets, by datasource type. */
export const querySchemas: Record<string, SchemaTarget> = {
  loki: { file: "queries/loki.json", module: "loki", type: "dataquery" },
  prometheus: { file: "queries/prometheus.json", module: "prometheus", type: "Dataquery" },
};

export const allSchemaTargets: SchemaTarget[] = [
  dashboardSchema,
  ...Object.values(panelOptionsSchemas),
  ...Object.values(panelFieldConfigSchemas),
  ...Object.values(querySchemas),
];
