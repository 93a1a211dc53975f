import { type RuleGroup } from "../scripts/authoring/index.ts";
import { platform, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";

const { apiGateway, mlWorker, mlService, apiService } = platform.components;

/**
 * The histograms the dashboards read (`_bucket`), by the job that exports them. A test checks
 * this list against the dashboards: a new latency panel needs its histogram here.
 */
export const watchedHistograms: Record<string, string[]> = {
  [apiGateway.job]: ["input_latency_ns", "output_latency_ns", "processor_latency_ns"],
  [mlWorker.job]: ["input_latency_ns", "processor_latency_ns", "http_request_latency_ns"],
  [mlService.job]: [
    "vllm:e2e_request_latency_seconds",
    "vllm:time_to_first_token_seconds",
    "vllm:inter_token_latency_seconds",
    "vllm:request_queue_time_seconds",
    "vllm:iteration_tokens_total",
  ],
  [apiService.job]: ["http_request_duration_seconds", "http_request_duration_highr_seconds"],
};

/**
 * A histogram exported without buckets: its `_count` is there, its `_bucket` series are not.
 * That is a summary (Benthos' default timing), and every quantile panel on it is empty.
 */
const withoutBuckets = (job: string, histogram: string): string => {
  const by = (suffix: string) => `count by (job, instance) (${histogram}_${suffix}{job="${job}"})`;
  return `(label_replace(${by("count")}, "histogram", "${histogram}", "", "") unless on (job, instance) ${by("bucket")})`;
};

/** The exporters are configured as the catalogue's instrumentation contract says. */
export const group: RuleGroup = {
  name: "instrumentation",
  rules: [
    alert({
      alert: "HistogramBucketsMissing",
      expr: Object.entries(watchedHistograms)
        .flatMap(([job, names]) => names.map((h) => withoutBuckets(job, h)))
        .join(" or "),
      for: thresholds.histogramBucketsMissing.for,
      severity: "warning",
      component: "{{ $labels.job }}",
      summary: "{{ $labels.job }} exports {{ $labels.histogram }} without buckets",
      description:
        "{{ $labels.instance }} of {{ $labels.job }} is up and exports {{ $labels.histogram }}, but no {{ $labels.histogram }}_bucket series: the exporter is misconfigured (a summary instead of a histogram), so the dashboards' latency panels on it are empty.",
      runbook: [
        "Benthos (api-gateway, ml-worker): deploy the metrics section of config/exporters/benthos-metrics.yaml (use_histogram_timing: true).",
        "Others: compare the exporter's settings with config/instrumentation.md.",
      ],
    }),
    alert({
      alert: "ModelServerMetricsMissing",
      // vLLM creates its stat loggers, and with them every vllm:* series, only when it is not
      // started with --disable-log-stats; its /metrics answers either way, so up stays 1.
      expr: `up{job="${mlService.job}"} == 1 unless on (job, instance) vllm:num_requests_running{job="${mlService.job}"}`,
      for: thresholds.modelServerMetricsMissing.for,
      severity: "warning",
      component: "{{ $labels.job }}",
      summary: "{{ $labels.instance }} of {{ $labels.job }} exports no vLLM engine metrics",
      description:
        "{{ $labels.instance }} of {{ $labels.job }} is up, but exports no vllm:* series: vLLM runs with --disable-log-stats, which turns its Prometheus metrics off. Its queue, latency and KV-cache alerts are blind, and its dashboard is empty.",
      runbook: [
        `kubectl get deploy -n ${platform.namespace} -o yaml | grep -n disable-log-stats: remove the flag from the model server's arguments and roll it out.`,
        "Once rolled out, vllm:num_requests_running is on its /metrics from the start, before any request.",
      ],
    }),
  ],
};
