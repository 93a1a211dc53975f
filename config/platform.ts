/**
 * The platform as data: one place for what dashboards, alerts, the scrape config and the
 * Kubernetes manifests must agree on (job names, ports, selectors, datasource uids) and for
 * every alert threshold. Change a value here and every output follows.
 */
import type { Component, Platform } from "../scripts/authoring/index.ts";

const namespace = "ml-platform";

const component = (job: string, port: number, portName = "http"): Component => ({
  job,
  service: job,
  portName,
  port,
  metricsPath: "/metrics",
  logSelector: `{namespace="${namespace}", app="${job}"}`,
});

/** Matchers that say which series count as traffic, shared by the dashboards and the alerts. */
export const selectors = {
  /** API requests that are real traffic: probes and scrapes are not. */
  apiTraffic: 'handler!~"/metrics|/health"',
  /**
   * Gateway processor errors that are failures: the quota processor's (`label` "quota" in
   * config/metrics/benthos.yaml) are requests refused for quota, which QuotaExceeded reports.
   */
  gatewayFailures: 'label!="quota"',
} as const;

export const platform = {
  namespace,
  components: {
    /** Benthos / Redpanda Connect: http_server input, per-tier quota and rate limit. 4195 is Benthos' HTTP port. */
    apiGateway: component("api-gateway", 4195),
    /** Benthos pipeline: queue consumer calling the model server. */
    mlWorker: component("ml-worker", 4195),
    /** vLLM-style model server; 8000 is its API port, which also serves /metrics. */
    mlService: component("ml-service", 8000),
    /** NVIDIA dcgm-exporter beside the model server (vLLM has no GPU metrics). */
    gpuExporter: {
      ...component("dcgm-exporter", 9400, "metrics"),
      logSelector: `{namespace="${namespace}", app="ml-service"}`,
    },
    /** FastAPI HTTP API, instrumented with prometheus-fastapi-instrumentator. */
    apiService: component("api-service", 8000),
  },
  /**
   * The URLs are for a Grafana outside the cluster (file provisioning, the README's Docker
   * command, with `kubectl port-forward`); in the cluster each chart's Service names are used.
   */
  datasources: {
    prometheus: { uid: "prometheus", name: "Prometheus", url: "http://localhost:9090" },
    loki: { uid: "loki", name: "Loki", url: "http://localhost:3100" },
  },
  alerting: {
    groupBy: ["alertname", "job"],
    groupWait: "30s",
    groupInterval: "5m",
    repeatInterval: "4h",
    componentDown: ["JobDown", "TargetsMissing"],
    /** kube-prometheus-stack's heartbeat, firing whenever its Prometheus works. */
    silent: ["Watchdog", "InfoInhibitor"],
    // Create this Secret before deploying (README, Deploy): it holds every key named below.
    secret: { name: "alertmanager-receivers", mountPath: "/etc/alertmanager-secrets" },
    teams: {
      serving: {
        components: ["ml-worker", "ml-service", "dcgm-exporter"],
        pager: { kind: "pagerduty", routingKeyFile: "serving-pagerduty-routing-key" },
        // SET THIS BEFORE DEPLOYING: the ticket system's Alertmanager webhook (e.g. jiralert).
        tickets: {
          kind: "webhook",
          url: "https://tickets.example.com/alertmanager/serving",
          bearerTokenFile: "tickets-token",
        },
      },
      api: {
        components: ["api-gateway", "api-service"],
        pager: { kind: "pagerduty", routingKeyFile: "api-pagerduty-routing-key" },
        // SET THIS BEFORE DEPLOYING: the ticket system's Alertmanager webhook (e.g. jiralert).
        tickets: {
          kind: "webhook",
          url: "https://tickets.example.com/alertmanager/api",
          bearerTokenFile: "tickets-token",
        },
      },
    },
    fallbackTeam: "serving",
  },
  /**
   * How each component logs (its deployment must keep to it): Benthos with `logger.format:
   * json`, the API service through a JSON formatter with a `level` field; vLLM and
   * dcgm-exporter keep their defaults.
   */
  logFormats: {
    "api-gateway": { parser: "json" },
    "ml-worker": { parser: "json" },
    "ml-service": {
      parser: "regex",
      // vLLM's default format, after its "(EngineCore_DP0 pid=42) " process prefix.
      expression: "^(?:\\(\\S+ pid=\\d+\\) )?(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) ",
    },
    // dcgm-exporter's default --log-format text: Go's slog, `time=... level=INFO msg=...`.
    "dcgm-exporter": { parser: "logfmt" },
    "api-service": { parser: "json" },
  },
  cloud: {
    // SET THIS BEFORE DEPLOYING to AWS: the EKS cluster's name.
    aws: { clusterName: "ml-platform", metricNamespace: "MLPlatform" },
    gcp: {
      logDir: "/var/log/ml-platform",
      vms: {
        "api-gateway": ["api-gateway"],
        "ml-worker": ["ml-worker"],
        // dcgm-exporter runs beside the model server, on its GPU VM.
        "ml-service": ["ml-service", "dcgm-exporter"],
        "api-service": ["api-service"],
      },
    },
  },
  /** The monitoring stack the generated Kubernetes manifests are applied to. */
  monitoring: {
    namespace: "monitoring",
    releases: {
      prometheus: "prometheus",
      kubePrometheusStack: "kube-prometheus-stack",
      loki: "loki",
    },
    /** Prometheus' scrape interval, also Grafana's datasource `timeInterval` ($__rate_interval). */
    scrapeInterval: "30s",
    /** kube-prometheus-stack's default ruleSelector matches `release: <its Helm release name>`. */
    prometheusRuleLabels: { release: "kube-prometheus-stack" },
  },
  grafanaFolder: "ml-platform",
  /** Where the generated runbook is served; every alert's runbook_url points at its section. */
  runbookBaseUrl:
    "https://git.example.com/platform/ml-platform-monitoring/-/blob/main/config/runbook.md",
} as const satisfies Platform;

/**
 * The window alert expressions take rates over: at least 4 scrape intervals, so one missed scrape
 * does not empty it.
 */
const rateWindow = "5m";

/**
 * Alert thresholds, windows and traffic floors, in the units named by each key. Tune here, never
 * inside an expression or an alert's text: both are built from these values.
 */
export const thresholds = {
  targetDown: { for: "2m" },
  targetsMissing: { for: "5m" },
  apiLatency: { quantile: 0.95, seconds: 1, window: rateWindow, for: "5m" },
  quotaExceeded: { perSecond: 0, window: rateWindow, for: "5m" },
  /** Below minRequestsPerSecond a few failures are a large ratio but no outage: no page. */
  gatewayErrorRatio: { ratio: 0.05, minRequestsPerSecond: 1, window: rateWindow, for: "5m" },
  gatewayRateLimited: { ratio: 0.2, window: rateWindow, for: "10m" },
  workerPipelineErrors: { perSecond: 0.1, window: rateWindow, for: "10m" },
  /** The backlog's trend is deriv() over trendWindow, sampled every trendStep. */
  workerBacklog: { messages: 1000, trendWindow: "15m", trendStep: "1m", for: "10m" },
  modelCallErrorRatio: { ratio: 0.05, minCallsPerSecond: 0.5, window: rateWindow, for: "5m" },
  /** The queue gauge is averaged over smoothWindow so one low scrape does not reset `for`. */
  inferenceQueue: { requests: 20, smoothWindow: "2m", for: "5m" },
  timeToFirstToken: { quantile: 0.95, seconds: 2, window: rateWindow, for: "10m" },
  kvCache: { ratio: 0.9, preemptionWindow: rateWindow, for: "10m" },
  gpuMemory: { ratio: 0.95, for: "15m" },
  /**
   * Multiwindow burn-rate alerts (Google SRE workbook): each fires when the 5xx ratio over both
   * its long and its short window exceeds factor times the error budget (1 - slo) of `period`.
   */
  apiErrorBudget: {
    slo: 0.999,
    period: "30d",
    fastBurn: { long: "1h", short: "5m", factor: 14.4, for: "2m", severity: "critical" },
    slowBurn: { long: "6h", short: "30m", factor: 6, for: "15m", severity: "warning" },
  },
} as const;

/** Thresholds of the Loki ruler's log alerts (alerts/loki/), in the units named by each key. */
export const logThresholds = {
  /** One fatal line is evidence enough: it keeps the alert firing for `window`; `for` is short. */
  engineDead: { window: "10m", for: "1m" },
  cudaOutOfMemory: { window: "10m", for: "1m" },
  /** Error-level lines (any level matching `levels`, case-insensitive) per second, per job. */
  errorLogs: { perSecond: 0.5, levels: "error|critical|fatal|panic", window: "5m", for: "10m" },
} as const;
