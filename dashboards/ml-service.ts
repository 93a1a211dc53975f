import { platform } from "../config/platform.ts";
import { defineDashboard } from "./lib/dashboard.ts";
import { quantile, quantiles, sumRate } from "./lib/promql.ts";
import { jobInstance, labelVariable } from "./lib/variables.ts";

const sel = `${jobInstance}, model_name=~"$model_name"`;
const gpu = `job="${platform.components.gpuExporter.job}"`;
const proc = jobInstance;

/** ML service: the vLLM-style model server, its scheduler, KV cache and GPUs. */
export default defineDashboard({
  slug: "ml-service",
  title: "ML platform / ML service",
  description:
    "The model server: request latency (end to end, first token, between tokens), scheduling, token throughput, KV cache, GPUs and the process itself.",
  tags: ["ml-service", "vllm", "gpu"],
  component: platform.components.mlService,
  variables: [
    labelVariable({
      name: "model_name",
      label: "Model",
      query: 'label_values(vllm:num_requests_running{job="$job"}, model_name)',
      multi: true,
    }),
  ],
  rows: [
    {
      title: "Overview",
      panels: [
        {
          kind: "stat",
          title: "Running requests",
          description: "Requests in the running batch now.",
          unit: "short",
          width: 6,
          height: 4,
          queries: [{ expr: `sum(vllm:num_requests_running{${sel}})` }],
        },
        {
          kind: "stat",
          title: "Waiting requests",
          description: "Requests queued in the scheduler. Amber above 10, red above 20.",
          unit: "short",
          width: 6,
          height: 4,
          thresholds: { warn: 10, critical: 20 },
          queries: [{ expr: `sum(vllm:num_requests_waiting{${sel}})` }],
        },
        {
          kind: "stat",
          title: "KV cache usage",
          description: "Largest KV cache usage across instances. Amber above 80%, red above 90%.",
          unit: "percentunit",
          width: 6,
          height: 4,
          min: 0,
          max: 1,
          thresholds: { warn: 0.8, critical: 0.9 },
          queries: [{ expr: `max(vllm:kv_cache_usage_perc{${sel}})` }],
        },
        {
          kind: "stat",
          title: "p95 time to first token",
          description:
            "95th percentile time from request arrival to the first token. Red above 2 s.",
          unit: "s",
          width: 6,
          height: 4,
          thresholds: { warn: 1, critical: 2 },
          queries: [{ expr: quantile(0.95, "vllm:time_to_first_token_seconds", sel) }],
        },
      ],
    },
    {
      title: "Latency",
      panels: [
        {
          kind: "timeseries",
          title: "End-to-end request latency",
          description: "p50, p95 and p99 of the whole request inside the model server.",
          unit: "s",
          queries: quantiles("vllm:e2e_request_latency_seconds", sel),
        },
        {
          kind: "timeseries",
          title: "Time to first token",
          description:
            "p50, p95 and p99 from request arrival to the first generated token (queue and prefill).",
          unit: "s",
          thresholds: { critical: 2 },
          queries: quantiles("vllm:time_to_first_token_seconds", sel),
        },
        {
          kind: "timeseries",
          title: "Inter-token latency",
          description: "p50, p95 and p99 time between two generated tokens (decode speed).",
          unit: "s",
          queries: quantiles("vllm:inter_token_latency_seconds", sel),
        },
        {
          kind: "timeseries",
          title: "Queue time",
          description: "p50, p95 and p99 time a request waits before the scheduler runs it.",
          unit: "s",
          queries: quantiles("vllm:request_queue_time_seconds", sel),
        },
      ],
    },
    {
      title: "Scheduler",
      panels: [
        {
          kind: "timeseries",
          title: "Running and waiting requests",
          description:
            "Requests in the running batch and in the queue. Waiting that keeps growing means the server is saturated.",
          unit: "short",
          queries: [
            { expr: `sum(vllm:num_requests_running{${sel}})`, legend: "running" },
            { expr: `sum(vllm:num_requests_waiting{${sel}})`, legend: "waiting" },
          ],
        },
        {
          kind: "timeseries",
          title: "Batch size (tokens per step)",
          description:
            "p50 and p95 of the tokens the engine processes per step: how full its batches are.",
          unit: "short",
          queries: [0.5, 0.95].map((q) => ({
            expr: quantile(q, "vllm:iteration_tokens_total", sel),
            legend: `p${Math.round(q * 100)}`,
          })),
        },
        {
          kind: "timeseries",
          title: "Preemptions",
          description:
            "Requests preempted per second because the KV cache ran out; they are recomputed later.",
          unit: "reqps",
          queries: [{ expr: sumRate("vllm:num_preemptions_total", sel), legend: "preemptions" }],
        },
        {
          kind: "timeseries",
          title: "Finished requests by reason",
          description:
            "Requests finished per second: stop (done), length (hit max tokens) or abort.",
          unit: "reqps",
          stacked: true,
          queries: [
            {
              expr: sumRate("vllm:request_success_total", sel, ["finished_reason"]),
              legend: "{{finished_reason}}",
            },
          ],
        },
      ],
    },
    {
      title: "Tokens and KV cache",
      panels: [
        {
          kind: "timeseries",
          title: "Token throughput",
          description: "Prompt (prefill) and generation tokens processed per second.",
          unit: "short",
          stacked: true,
          queries: [
            { expr: sumRate("vllm:prompt_tokens_total", sel), legend: "prompt" },
            { expr: sumRate("vllm:generation_tokens_total", sel), legend: "generation" },
          ],
        },
        {
          kind: "timeseries",
          title: "KV cache usage by instance",
          description:
            "Share of the KV cache in use. Near 100% the scheduler starts preempting requests.",
          unit: "percentunit",
          min: 0,
          max: 1,
          thresholds: { warn: 0.8, critical: 0.9 },
          queries: [
            {
              expr: `max by (instance) (vllm:kv_cache_usage_perc{${sel}})`,
              legend: "{{instance}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "Prefix cache hit ratio",
          description: "Share of prompt tokens found in the prefix cache (work saved on prefill).",
          unit: "percentunit",
          min: 0,
          max: 1,
          queries: [
            {
              expr: `${sumRate("vllm:prefix_cache_hits_total", sel)} / ${sumRate("vllm:prefix_cache_queries_total", sel)}`,
              legend: "hit ratio",
            },
          ],
        },
      ],
    },
    {
      title: "GPU",
      panels: [
        {
          kind: "timeseries",
          title: "GPU utilisation",
          description: "Utilisation of each GPU, from dcgm-exporter.",
          unit: "percent",
          min: 0,
          max: 100,
          queries: [
            {
              expr: `avg by (Hostname, gpu) (DCGM_FI_DEV_GPU_UTIL{${gpu}})`,
              legend: "{{Hostname}} gpu {{gpu}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "GPU memory used",
          description: "Share of each GPU's framebuffer memory in use. Red above 95%.",
          unit: "percentunit",
          min: 0,
          max: 1,
          thresholds: { warn: 0.9, critical: 0.95 },
          queries: [
            {
              expr: `sum by (Hostname, gpu) (DCGM_FI_DEV_FB_USED{${gpu}}) / (sum by (Hostname, gpu) (DCGM_FI_DEV_FB_USED{${gpu}}) + sum by (Hostname, gpu) (DCGM_FI_DEV_FB_FREE{${gpu}}))`,
              legend: "{{Hostname}} gpu {{gpu}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "GPU temperature",
          description: "Temperature of each GPU. Amber above 80 °C, red above 87 °C.",
          unit: "celsius",
          thresholds: { warn: 80, critical: 87 },
          queries: [
            {
              expr: `max by (Hostname, gpu) (DCGM_FI_DEV_GPU_TEMP{${gpu}})`,
              legend: "{{Hostname}} gpu {{gpu}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "GPU power draw",
          description: "Power drawn by each GPU.",
          unit: "watt",
          queries: [
            {
              expr: `max by (Hostname, gpu) (DCGM_FI_DEV_POWER_USAGE{${gpu}})`,
              legend: "{{Hostname}} gpu {{gpu}}",
            },
          ],
        },
      ],
    },
    {
      title: "Process",
      panels: [
        {
          kind: "timeseries",
          title: "CPU usage",
          description: "CPU cores used by each model server process.",
          unit: "short",
          queries: [
            {
              expr: sumRate("process_cpu_seconds_total", proc, ["instance"]),
              legend: "{{instance}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "Resident memory",
          description: "Resident memory of each model server process.",
          unit: "bytes",
          queries: [
            {
              expr: `sum by (instance) (process_resident_memory_bytes{${proc}})`,
              legend: "{{instance}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "File descriptors used",
          description: "Open file descriptors as a share of the process limit. Red above 90%.",
          unit: "percentunit",
          min: 0,
          max: 1,
          thresholds: { critical: 0.9 },
          queries: [
            {
              expr: `sum by (instance) (process_open_fds{${proc}}) / sum by (instance) (process_max_fds{${proc}})`,
              legend: "{{instance}}",
            },
          ],
        },
      ],
    },
  ],
});
