/**
 * The platform as data: one place for what dashboards, alerts, the scrape config and the
 * Kubernetes manifests must agree on (job names, ports, selectors, datasource uids) and for
 * every alert threshold. Change a value here and every output follows.
 */
import {
  defineSlo,
  type AlertingPolicy,
  type Component,
  type Platform,
  type Slo,
} from "../scripts/authoring/index.ts";

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
  /**
   * The worker's model call, the http processor labelled `call_model` (config/metrics/ml-worker.yaml):
   * Benthos times and counts every HTTP client of the pipeline under the same names.
   */
  modelCall: 'label="call_model"',
  /** The topic the gateway writes and the worker consumes; the group may keep lag of retired ones. */
  requestTopic: 'topic="inference-requests"',
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
      // dcgm-exporter labels the node `Hostname` up to 4.5.3-4.8.2 and `hostname` after
      // (upstream #655): store `hostname` whichever release runs.
      metricRelabelConfigs: [
        { source_labels: ["Hostname"], regex: "(.+)", target_label: "hostname" },
        { action: "labeldrop", regex: "Hostname" },
      ],
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
    /** kube-prometheus-stack's helper for inhibiting info alerts: not for a person. */
    silent: ["InfoInhibitor"],
    /**
     * Watchdog fires whenever Prometheus evaluates rules (kube-prometheus-stack's, or ours on the
     * prometheus-community chart): its notification, every minute or two, is the heartbeat of a
     * dead man's switch that pages when it has heard none for ~5 minutes.
     */
    heartbeat: {
      alert: "Watchdog",
      // SET THIS BEFORE DEPLOYING: the dead man's switch's Alertmanager webhook.
      receiver: {
        kind: "webhook",
        url: "https://heartbeat.example.com/alertmanager/ml-platform",
        bearerTokenFile: "heartbeat-token",
      },
      groupInterval: "1m",
      repeatInterval: "1m",
    },
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
    /** Debian's, whose promtool the build runs: PromQL newer than it is flagged. */
    prometheusVersion: "2.42",
    /** kube-prometheus-stack's default ruleSelector matches `release: <its Helm release name>`. */
    prometheusRuleLabels: { release: "kube-prometheus-stack" },
    /**
     * Samples are kept a week beyond the longest SLO period, so the budget always reads a whole
     * period, the day Prometheus restarts late included. The size is a
     * first guess: compare prometheus_tsdb_storage_blocks_bytes with it after the first month.
     */
    storage: { retentionMargin: "7d", size: "50Gi" },
    stackJobs: { prometheus: "prometheus", alertmanager: "alertmanager" },
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
  /**
   * A tier always has some refusals (the quota doing its job): severity info, routed to no
   * pager, and only for a surge above perSecond per tier, so it does not fire forever.
   */
  quotaExceeded: { perSecond: 0.5, window: "15m", for: "15m" },
  /**
   * Below minRequestsPerSecond a few failures are a large ratio but no outage: no page, unless
   * at least mostFailing.ratio fail above mostFailing.minRequestsPerSecond (a quiet night's outage).
   */
  gatewayErrorRatio: {
    ratio: 0.05,
    minRequestsPerSecond: 1,
    mostFailing: { ratio: 0.5, minRequestsPerSecond: 0.02 },
    window: rateWindow,
    for: "5m",
  },
  gatewayRateLimited: { ratio: 0.2, minChecksPerSecond: 1, window: rateWindow, for: "10m" },
  workerPipelineErrors: { perSecond: 0.1, window: rateWindow, for: "10m" },
  /**
   * The backlog (deduplicated consumer-group lag) judged by how long the worker takes to
   * consume it at its current rate: over drainSeconds requests wait too long. Under minMessages
   * there is no backlog to speak of.
   */
  workerBacklog: { drainSeconds: 600, minMessages: 100, window: rateWindow, for: "5m" },
  /**
   * A replica that consumed nothing over window while a partition's lag grew by more than
   * minGrowth over it is stuck. Only growth counts: a busy group keeps hundreds in flight.
   */
  workerReplicaStalled: { window: "10m", minGrowth: 100, for: "2m" },
  /**
   * The worker consumed nothing over window while the gateway wrote to the request topic: it
   * lost the broker (its lag gauge then keeps the last value it read, so lag alone cannot tell).
   */
  workerNotConsuming: { window: rateWindow, for: "5m" },
  /**
   * Model calls failing: attempts without a 2xx (refused and timed-out calls get no status).
   * `ratio` over minCallsPerSecond; every call failing pages down to allFailingCallsPerSecond.
   */
  modelCallErrorRatio: {
    ratio: 0.05,
    minCallsPerSecond: 0.5,
    allFailingCallsPerSecond: 0.02,
    window: rateWindow,
    for: "5m",
  },
  /** Per replica: the waiting gauge is averaged over smoothWindow so one low scrape does not reset `for`. */
  inferenceQueue: { requests: 20, smoothWindow: "2m", for: "5m" },
  /**
   * Share of first tokens slower than `seconds`, a bucket bound of
   * vllm:time_to_first_token_seconds (so no interpolation decides), over `ratio`.
   */
  timeToFirstToken: {
    seconds: 2.5,
    ratio: 0.05,
    minRequestsPerSecond: 0.1,
    window: rateWindow,
    for: "10m",
  },
  kvCache: { ratio: 0.9, preemptionWindow: rateWindow, for: "10m" },
  /**
   * Share of requests the model server took longer than `seconds` over, end to end: decoding
   * slowed (a throttled GPU, an oversized batch) while first tokens stay fast. 60 s, a bound of
   * vllm:e2e_request_latency_seconds, is half the worker's 120 s call timeout.
   */
  e2eLatency: {
    seconds: 60,
    ratio: 0.05,
    minRequestsPerSecond: 0.1,
    window: rateWindow,
    for: "10m",
  },
  /** A histogram exported without buckets (a misconfigured exporter): a ticket, not urgent. */
  histogramBucketsMissing: { for: "15m" },
  /** vLLM up without its engine metrics (--disable-log-stats): a ticket, like the above. */
  modelServerMetricsMissing: { for: "15m" },
  /**
   * vLLM takes vllmPreallocation of the GPU's memory at start (--gpu-memory-utilization): only
   * memory used beyond it (another process, a leak) counts, so `ratio` sits above it.
   */
  gpuMemory: { vllmPreallocation: 0.95, ratio: 0.98, for: "15m" },
  /**
   * XIDs after which NVIDIA's Xid catalogue says to drain the node and reset the GPU (ECC,
   * row-remap failure, NVLink, fallen off the bus, GSP). Application XIDs (13, 31, 43, 45)
   * are the workload's, not the GPU's.
   */
  gpuXid: { codes: [48, 64, 74, 79, 94, 95, 119, 120, 140], for: "1m" },
  gpuRowRemap: { for: "5m" },
  /**
   * Clock-event reasons (DCGM_FI_DEV_CLOCKS_EVENT_REASONS bits) that mean the GPU is slowed by
   * heat or power trouble. The software power cap (0x4) is a busy GPU working as designed.
   */
  /**
   * The monitoring stack's own health (prometheus-community chart): failures sustained over
   * `for`, so one failed evaluation or a retried notification is no ticket.
   */
  stackHealth: { window: "5m", for: "15m" },
  gpuThrottle: {
    reasons: { hw_slowdown: 0x8, sw_thermal: 0x20, hw_thermal: 0x40, hw_power_brake: 0x80 },
    for: "10m",
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

/**
 * Multiwindow, multi-burn-rate alerting as the Google SRE workbook recommends for a 30-day
 * objective (chapter "Alerting on SLOs"; sloth's defaults too): a tier fires when the error
 * ratio over both its long and its short window passes `factor` times the error budget. `for`
 * as pyrra sets it for the same windows (slo/rules.go): one evaluation over the line is no burn.
 */
export const burnRateAlerting = {
  tiers: [
    // 2% of the budget in an hour, 5% in six hours: page.
    { notify: "page", factor: 14.4, long: "1h", short: "5m", for: "2m" },
    { notify: "page", factor: 6, long: "6h", short: "30m", for: "15m" },
    // 10% in a day, 10% in three days: a ticket (a 2x burn lasting days is a fifth of the month).
    { notify: "ticket", factor: 3, long: "1d", short: "2h", for: "1h" },
    { notify: "ticket", factor: 1, long: "3d", short: "6h", for: "3h" },
  ],
} as const satisfies AlertingPolicy;

const { apiService, apiGateway, mlWorker, mlService } = platform.components;

/**
 * Failed events a tier's long window must hold before the tier fires: one failure in three
 * requests of a quiet hour is a large ratio but no outage; every request of a quiet night
 * failing is one, however few they are, so the floor counts failures, not traffic.
 */
const minFailedEvents = 20;

/**
 * The service level objectives: each generates its recording rules and burn-rate alerts
 * (alerts/lib/slo.ts), a row of the SLOs dashboard and a runbook section. Add one here.
 */
/** Gateway availability, an SLO of its own: GatewayHighErrorRatio reads the same SLI. */
export const gatewayAvailability = defineSlo({
  name: "gateway-availability",
  title: "Gateway availability",
  events: "requests the API gateway accepted",
  component: apiGateway.job,
  // As GatewayHighErrorRatio counts them: accepted but never acknowledged (408 timeouts, 502
  // output failures, 503), and processor failures other than quota refusals.
  sli: {
    kind: "availability",
    failed: "were answered with an error (timeouts, output failures, failing processors)",
    valid: { metric: "input_received" },
    good: { metric: "input_latency_ns_count" },
    bad: [{ metric: "processor_error", matchers: selectors.gatewayFailures }],
  },
  objective: 0.999,
  period: "30d",
  minFailedEvents,
  alerting: burnRateAlerting,
  dashboards: ["api-gateway", "ml-worker"],
  runbook: [
    "Error ratio and Output sent and errors on the API gateway dashboard: output failures mean the queue is unreachable.",
    "Processor errors by path for a failing processor; the gateway's error logs (Logs row).",
  ],
});

export const slos: readonly Slo[] = [
  defineSlo({
    name: "api-availability",
    title: "API availability",
    events: "API requests",
    component: apiService.job,
    sli: {
      kind: "availability",
      failed: "were answered with a 5xx",
      valid: { metric: "http_requests_total", matchers: selectors.apiTraffic },
      bad: [{ metric: "http_requests_total", matchers: `${selectors.apiTraffic}, status="5xx"` }],
    },
    objective: 0.999,
    period: "30d",
    minFailedEvents,
    alerting: burnRateAlerting,
    dashboards: ["api-service"],
    runbook: [
      `Find the failing handlers: sum by (handler) (rate(http_requests_total{job="${apiService.job}", status="5xx"}[5m])).`,
      "Read the API's error logs; check its dependencies (model server, worker queue).",
      "Roll back a recent deploy if the errors started with it.",
    ],
  }),
  defineSlo({
    name: "api-latency",
    title: "API latency",
    events: "API requests",
    component: apiService.job,
    // The instrumentator's buckets are 0.1/0.5/1: 1 s is the largest bound to promise on.
    sli: {
      kind: "latency",
      histogram: "http_request_duration_seconds",
      matchers: selectors.apiTraffic,
      le: 1,
    },
    objective: 0.99,
    period: "30d",
    minFailedEvents,
    alerting: burnRateAlerting,
    dashboards: ["api-service", "ml-service"],
    runbook: [
      "Request latency by handler on the API service dashboard: which handler is slow?",
      "Check the model server's latency (ML service dashboard): a slow model slows every API call.",
    ],
  }),
  gatewayAvailability,
  defineSlo({
    name: "model-call-availability",
    title: "Model-call availability",
    events: "the worker's model-call attempts",
    component: mlWorker.job,
    // Every attempt is timed; refused and timed-out ones get no status code, so no 2xx.
    sli: {
      kind: "availability",
      failed: "got no 2xx (error answers, refused connections, timeouts)",
      valid: { metric: "http_request_latency_ns_count", matchers: selectors.modelCall },
      good: { metric: "http_request_code_2xx", matchers: selectors.modelCall },
    },
    objective: 0.995,
    period: "30d",
    minFailedEvents,
    alerting: burnRateAlerting,
    dashboards: ["ml-worker", "ml-service"],
    runbook: [
      "Model-call responses by status class on the ML worker dashboard: no status at all means refused or timed out.",
      "Open the ML service dashboard: targets up, queue, KV cache, GPUs.",
    ],
  }),
  defineSlo({
    name: "time-to-first-token",
    title: "Time to first token",
    events: "first tokens",
    component: mlService.job,
    // The same bucket bound as SlowTimeToFirstToken: one objective per model.
    sli: {
      kind: "latency",
      histogram: "vllm:time_to_first_token_seconds",
      le: thresholds.timeToFirstToken.seconds,
    },
    by: ["model_name"],
    objective: 0.99,
    period: "30d",
    minFailedEvents,
    alerting: burnRateAlerting,
    dashboards: ["ml-service"],
    runbook: [
      "Time to first token and Queue time on the ML service dashboard: queueing or slow prefill?",
      "Long prompts raise prefill time: check the prompt-length distribution.",
      "Check GPU throttling and KV cache preemptions on the same dashboard.",
    ],
  }),
];
