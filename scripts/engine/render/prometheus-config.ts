import type { Model } from "../model/index.ts";
import type { Component, Platform } from "../model/platform.ts";
import { escapeRegex } from "../promql/escape.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { alertsPath, prometheusConfigPath } from "../outputs.ts";

/**
 * One scrape job per component: Kubernetes endpoints of the platform namespace, kept when the
 * Service and its port name are the component's, labelled with the component's job.
 */
function scrapeJob(c: Component, platform: Platform): Record<string, unknown> {
  return {
    job_name: c.job,
    metrics_path: c.metricsPath,
    kubernetes_sd_configs: [{ role: "endpoints", namespaces: { names: [platform.namespace] } }],
    relabel_configs: [
      {
        source_labels: ["__meta_kubernetes_service_name", "__meta_kubernetes_endpoint_port_name"],
        regex: `${escapeRegex(c.service)};${escapeRegex(c.portName)}`,
        action: "keep",
      },
      { target_label: "job", replacement: c.job },
      { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      // namespace and pod join with kube-state-metrics and cAdvisor series; the pod name is
      // also the instance, more readable than (and as unique per job as) the pod IP.
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "instance" },
    ],
  };
}

/** The rule file beside prometheus.yml: relative, so it resolves wherever both are mounted. */
const ruleFile = alertsPath.slice(alertsPath.lastIndexOf("/") + 1);

export function prometheusConfigDocument(platform: Platform): string {
  const interval = platform.monitoring.scrapeInterval;
  return (
    generatedMarker("config/platform.ts") +
    toYaml({
      global: { scrape_interval: interval, evaluation_interval: interval },
      rule_files: [ruleFile],
      alerting: {
        alertmanagers: [{ static_configs: [{ targets: [platform.alertmanager.target] }] }],
      },
      scrape_configs: Object.values(platform.components).map((c) => scrapeJob(c, platform)),
    })
  );
}

export function renderPrometheusConfig(model: Model): Rendered {
  return rendered([[prometheusConfigPath, prometheusConfigDocument(model.platform)]]);
}
