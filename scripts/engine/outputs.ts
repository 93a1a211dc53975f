/**
 * Where every generated file goes: one module that the renderers (which write there), the
 * output checks (which read there) and the writer (which owns those folders) all read.
 */
export const alertsPath = "config/prometheus/alerts.yml";
export const prometheusConfigPath = "config/prometheus/prometheus.yml";
export const runbookPath = "config/runbook.md";
/** The Loki ruler's rule file (alerts/loki/). */
export const lokiRulesPath = "config/loki/rules.yml";
export const alertmanagerConfigPath = "config/alertmanager/alertmanager.yml";
/** Promtail's configuration: what ships the platform's logs to Loki, and with which labels. */
export const promtailConfigPath = "config/promtail/promtail.yml";

/** Helm values, one folder per way of installing the monitoring stack. */
export const helmDir = "config/helm";
export type HelmTarget = "prometheus-community" | "kube-prometheus-stack";
export const helmValuesPath = (target: HelmTarget, chart: string): string =>
  `${helmDir}/${target}/${chart}.values.yaml`;

/** The cloud providers' agents: AWS CloudWatch agent and Google Cloud Ops Agent. */
export const cloudwatchAgentConfigPath = "config/cloud/aws/cloudwatch-agent.json";
export const cloudwatchPrometheusConfigPath = "config/cloud/aws/prometheus.yaml";
export const opsAgentDir = "config/cloud/gcp";
/** One Ops Agent configuration per kind of VM (platform.cloud.gcp.vms). */
export const opsAgentConfigPath = (vm: string): string => `${opsAgentDir}/${vm}.yaml`;
/** The instrumentation contract: how each exporter must be set up (from config/metrics/). */
export const instrumentationPath = "config/instrumentation.md";
export const exportersDir = "config/exporters";
/** The `metrics:` section every Benthos config of the platform carries. */
export const benthosMetricsPath = `${exportersDir}/benthos-metrics.yaml`;

export const dashboardsDir = "config/grafana/dashboards";
/** Where a dashboard lands: one folder, which Grafana's provisioning turns into its folder. */
export const dashboardPath = (slug: string, folder: string): string =>
  `${dashboardsDir}/${folder}/${slug}.json`;

export const provisioningDir = "config/grafana/provisioning";
export const dashboardProviderPath = `${provisioningDir}/dashboards/ml-platform.yaml`;
export const datasourcesPath = `${provisioningDir}/datasources/ml-platform.yaml`;

export const kubernetesDir = "config/kubernetes";
/** Apart from the ConfigMaps: `kubectl apply -f config/kubernetes/` must work without the CRD. */
export const prometheusRulePath = `${kubernetesDir}/prometheus-operator/prometheus-rule.yaml`;

/**
 * Folders (and files) the build owns: everything in them is generated, so a file there that no
 * source produces any more is stale and is removed (or, with --check, reported).
 */
export const ownedOutputs = [
  "config/alertmanager",
  "config/cloud",
  "config/grafana",
  "config/helm",
  "config/kubernetes",
  "config/loki",
  "config/prometheus",
  "config/promtail",
  "config/runbook.md",
  instrumentationPath,
  exportersDir,
];

/** Inputs, read by the sources layer. */
export const catalogueDir = "config/metrics";
export const schemaDir = "config/schema";
