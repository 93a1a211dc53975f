import { DatasourceVariableBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { DataSourceRef } from "@grafana/grafana-foundation-sdk/dashboard";
import { platform } from "../../config/platform.ts";

/** Panels never hard-code a datasource uid: they point at these dashboard variables. */
export const prometheusRef: DataSourceRef = { type: "prometheus", uid: "${datasource}" };
export const lokiRef: DataSourceRef = { type: "loki", uid: "${loki}" };

/** Datasource variables, defaulting to the datasources config/grafana provisions. */
export function datasourceVariables(): DatasourceVariableBuilder[] {
  const { prometheus, loki } = platform.datasources;
  return [
    new DatasourceVariableBuilder("datasource")
      .label("Prometheus")
      .type("prometheus")
      .current({ text: prometheus.name, value: prometheus.uid }),
    new DatasourceVariableBuilder("loki")
      .label("Loki")
      .type("loki")
      .current({ text: loki.name, value: loki.uid }),
  ];
}
