import type { Model } from "../model/index.ts";
import type { LogFormat, Platform } from "../model/platform.ts";
import { escapeRegex } from "../promql/escape.ts";
import { stackServices } from "./charts.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { promtailConfigPath } from "../outputs.ts";

/** The pod label that names a component: its Service's name (Component.service). */
const nameLabel = "__meta_kubernetes_pod_label_app_kubernetes_io_name";

/** The stage that finds `level` in a line of this format; lines it cannot read pass unchanged. */
function levelStage(format: LogFormat): Record<string, unknown> {
  switch (format.parser) {
    case "json":
      return { json: { expressions: { level: "level" } } };
    case "logfmt":
      return { logfmt: { mapping: { level: "" } } };
    case "regex":
      return { regex: { expression: format.expression } };
  }
}

/**
 * Promtail's scrape job for the platform's pods: the containers' CRI log files, with the labels
 * the dashboards and the Loki rules select on (`namespace`, `app`, `job` as in Prometheus,
 * `pod`, `container`; `stream` from the CRI stage) and `level`, found in each line by its
 * component's format (platform.logFormats). A line without one is shipped as it is, unlabelled.
 */
export function promtailScrapeJob(platform: Platform): Record<string, unknown> {
  const components = Object.values(platform.components);
  const byParser = new Map<string, { format: LogFormat; services: string[] }>();
  for (const c of components) {
    const format = platform.logFormats[c.job];
    if (!format) continue;
    const key = JSON.stringify(format);
    const entry = byParser.get(key) ?? { format, services: [] };
    entry.services.push(c.service);
    byParser.set(key, entry);
  }
  const anyOf = (services: string[]) => [...new Set(services)].map(escapeRegex).join("|");
  return {
    job_name: platform.namespace,
    kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [platform.namespace] } }],
    relabel_configs: [
      {
        source_labels: [nameLabel],
        regex: anyOf(components.map((c) => c.service)),
        action: "keep",
      },
      { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      { source_labels: [nameLabel], target_label: "app" },
      ...components.map((c) => ({
        source_labels: [nameLabel],
        regex: escapeRegex(c.service),
        target_label: "job",
        replacement: c.job,
      })),
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
      { source_labels: ["__meta_kubernetes_pod_container_name"], target_label: "container" },
      {
        source_labels: ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"],
        separator: "/",
        replacement: "/var/log/pods/*$1/*.log",
        target_label: "__path__",
      },
    ],
    pipeline_stages: [
      { cri: {} },
      ...[...byParser.values()].map(({ format, services }) => ({
        match: {
          selector:
            services.length === 1 ? `{app="${services[0]}"}` : `{app=~"${anyOf(services)}"}`,
          stages: [levelStage(format)],
        },
      })),
      { labels: { level: "" } },
    ],
  };
}

/** A whole Promtail configuration: the platform's job, pushing to loki-stack's Loki. */
export function promtailConfig(platform: Platform): Record<string, unknown> {
  return {
    server: { http_listen_port: 3101, grpc_listen_port: 0 },
    positions: { filename: "/run/promtail/positions.yaml" },
    clients: [{ url: `http://${stackServices(platform).loki}/loki/api/v1/push` }],
    scrape_configs: [promtailScrapeJob(platform)],
  };
}

export function renderPromtail(model: Model): Rendered {
  return rendered([
    [
      promtailConfigPath,
      generatedMarker("config/platform.ts") + toYaml(promtailConfig(model.platform)),
    ],
  ]);
}
