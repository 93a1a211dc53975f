import type { Model } from "../model/index.ts";
import type { Component, Platform } from "../model/platform.ts";
import { escapeRegex } from "../promql/escape.ts";
import { rendered, type Rendered } from "./rendered.ts";
import { generatedMarker, toYaml } from "./yaml.ts";
import { alertsPath, prometheusConfigPath, stackRulesPath } from "../outputs.ts";

/**
 * One scrape job per component: the EndpointSlices of the platform namespace (the Endpoints API
 * is deprecated since Kubernetes 1.33), kept when the Service and its port name are the
 * component's, labelled with the component's job.
 */
export function scrapeJob(c: Component, platform: Platform): Record<string, unknown> {
  return {
    job_name: c.job,
    metrics_path: c.metricsPath,
    kubernetes_sd_configs: [{ role: "endpointslice", namespaces: { names: [platform.namespace] } }],
    relabel_configs: [
      {
        source_labels: [
          "__meta_kubernetes_service_name",
          "__meta_kubernetes_endpointslice_port_name",
        ],
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
    ...(c.metricRelabelConfigs ? { metric_relabel_configs: c.metricRelabelConfigs } : {}),
  };
}

export const scrapeJobs = (platform: Platform): Record<string, unknown>[] =>
  Object.values(platform.components).map((c) => scrapeJob(c, platform));

/**
 * The prometheus-community chart's Alertmanager, found the way the chart's own prometheus.yml
 * finds it: its pods (release and app name labels, port 9093), so every replica gets every
 * alert, as Prometheus must send them for Alertmanager's high availability.
 */
function chartAlertmanagerPods(platform: Platform): Record<string, unknown> {
  const keep = (label: string, regex: string) => ({
    source_labels: [`__meta_kubernetes_pod_${label}`],
    regex,
    action: "keep",
  });
  return {
    kubernetes_sd_configs: [
      { role: "pod", namespaces: { names: [platform.monitoring.namespace] } },
    ],
    relabel_configs: [
      keep(
        "label_app_kubernetes_io_instance",
        escapeRegex(platform.monitoring.releases.prometheus),
      ),
      keep("label_app_kubernetes_io_name", "alertmanager"),
      keep("container_port_number", "9093"),
    ],
  };
}

/**
 * The chart's Prometheus and Alertmanager themselves, which the chart's own prometheus.yml
 * scrapes and ours replaces: the stack's rules (config/prometheus/monitoring.yml) read them.
 */
function stackScrapeJobs(platform: Platform): Record<string, unknown>[] {
  const { prometheus, alertmanager } = platform.monitoring.stackJobs;
  return [
    { job_name: prometheus, static_configs: [{ targets: ["localhost:9090"] }] },
    { job_name: alertmanager, ...chartAlertmanagerPods(platform) },
  ];
}

/** The rule files beside prometheus.yml: relative, so they resolve wherever all are mounted. */
const ruleFiles = [alertsPath, stackRulesPath].map((p) => p.slice(p.lastIndexOf("/") + 1));

export function prometheusConfigDocument(platform: Platform): string {
  const interval = platform.monitoring.scrapeInterval;
  return (
    generatedMarker("config/platform.ts") +
    toYaml({
      global: { scrape_interval: interval, evaluation_interval: interval },
      rule_files: ruleFiles,
      alerting: { alertmanagers: [chartAlertmanagerPods(platform)] },
      scrape_configs: [...scrapeJobs(platform), ...stackScrapeJobs(platform)],
    })
  );
}

export function renderPrometheusConfig(model: Model): Rendered {
  return rendered([[prometheusConfigPath, prometheusConfigDocument(model.platform)]]);
}
