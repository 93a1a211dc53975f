import { platform } from "../../config/platform.ts";
import type { Files, Model } from "../model.ts";
import { renderAlerts } from "./alerts.ts";
import { renderDashboards } from "./dashboards.ts";
import { renderKubernetes } from "./kubernetes.ts";
import { renderPrometheusConfig } from "./prometheus-config.ts";
import { renderProvisioning } from "./provisioning.ts";
import { renderRunbook } from "./runbook.ts";

/** A renderer is a pure function from the model to files. Add an output by adding one here. */
export const renderers: ((model: Model) => Map<string, string>)[] = [
  (m) => renderDashboards(m, platform.grafanaFolder),
  renderAlerts,
  renderProvisioning,
  renderPrometheusConfig,
  renderKubernetes,
  renderRunbook,
];

/** Every generated file; two renderers claiming one path is a programming error. */
export function renderAll(model: Model): Files {
  const files = new Map<string, string>();
  for (const render of renderers) {
    for (const [path, content] of render(model)) {
      if (files.has(path)) throw new Error(`Two renderers write ${path}`);
      files.set(path, content);
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
