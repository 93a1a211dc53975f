import type { Finding } from "../findings.ts";
import type { Files, Model } from "../model/index.ts";
import { renderAlertmanager } from "./alertmanager.ts";
import { renderAlerts } from "./alerts.ts";
import { renderBenthosMetrics } from "./benthos-metrics.ts";
import { renderCloud } from "./cloud.ts";
import { renderDashboards } from "./dashboards.ts";
import { renderHelmValues } from "./helm.ts";
import { renderInstrumentation } from "./instrumentation.ts";
import { renderKubernetes } from "./kubernetes.ts";
import { renderLokiRules } from "./loki-rules.ts";
import { renderPrometheusConfig } from "./prometheus-config.ts";
import { renderPromtail } from "./promtail.ts";
import { renderProvisioning } from "./provisioning.ts";
import type { Rendered } from "./rendered.ts";
import { renderRunbook } from "./runbook.ts";

/**
 * Another renderer's output in this build, rendered once: what a renderer that embeds other
 * outputs (the Kubernetes ConfigMaps) reads instead of rendering them again.
 */
export type OutputOf = (render: Renderer) => Rendered;

export type Renderer = (model: Model, outputOf: OutputOf) => Rendered;

/**
 * Outputs rendered by earlier runs, kept by a caller that renders the same sources over and
 * over (`npm run build -- --watch`): it hands back what a renderer made last time when nothing
 * the renderer read has changed since, and otherwise runs it.
 */
export interface RenderReuse {
  rendered(render: Renderer, model: Model, run: (model: Model) => Rendered): Rendered;
}

/** A renderer is a pure function from the model to files. Add an output by adding one here. */
export const renderers: Renderer[] = [
  renderDashboards,
  renderAlerts,
  renderProvisioning,
  renderPrometheusConfig,
  renderKubernetes,
  renderRunbook,
  renderLokiRules,
  renderAlertmanager,
  renderPromtail,
  renderHelmValues,
  renderCloud,
  renderBenthosMetrics,
  renderInstrumentation,
];

/** Each renderer's output for `model`, rendered when first asked for (or handed back by `reuse`). */
export function outputsOf(model: Model, reuse?: RenderReuse): OutputOf {
  const outputs = new Map<Renderer, Rendered>();
  const outputOf: OutputOf = (render) => {
    const run = (m: Model) => render(m, outputOf);
    // Through `reuse` every time: it notes that the asking renderer read what this one did.
    if (reuse) return reuse.rendered(render, model, run);
    let out = outputs.get(render);
    if (!out) outputs.set(render, (out = run(model)));
    return out;
  };
  return outputOf;
}

/** Every generated file, sorted by path; two renderers claiming one path is a bug of ours. */
export function renderAll(
  model: Model,
  reuse?: RenderReuse,
): { files: Files; findings: Finding[] } {
  const files = new Map<string, string>();
  const findings: Finding[] = [];
  const outputOf = outputsOf(model, reuse);
  for (const render of renderers) {
    const out = outputOf(render);
    findings.push(...out.findings);
    for (const [path, content] of out.files) {
      if (files.has(path)) throw new Error(`Two renderers write ${path}`);
      files.set(path, content);
    }
  }
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))), findings };
}
