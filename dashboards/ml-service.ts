import { platform, thresholds } from "../config/platform.ts";
import { defineDashboard } from "./lib/dashboard.ts";
import { processPanels } from "./lib/process.ts";
import { quantile, quantiles, sumRate } from "./lib/promql.ts";
import { alertLine, percent, seconds, thresholdText, usageLine } from "./lib/thresholds.ts";
import { jobInstance, labelVariable } from "./lib/variables.ts";

const sel = `${jobInstance}, model_name=~"$model_name"`;
const gpuJob = `job="${platform.components.gpuExporter.job}"`;
/**
 * dcgm-exporter runs on the GPU nodes, not beside each model server instance: its own filter.
 * `hostname` whatever the exporter's release calls it (relabelled in the scrape config).
 */
const gpu = `${gpuJob}, hostname=~"$hostname"`;
const perGpu = "hostname, gpu";

const waiting = alertLine(thresholds.inferenceQueue.requests);
const kvCache = usageLine(thresholds.kvCache.ratio);
const ttft = thresholds.timeToFirstToken;
const ttftLine = alertLine(ttft.seconds);
const slowTtft = alertLine(ttft.ratio);
/** Share of first tokens slower than the bucket bound SlowTimeToFirstToken counts above. */
const slowTtftShare = (by: string[] = []) => {
  const all = sumRate("vllm:time_to_first_token_seconds_count", sel, by);
  const fast = sumRate(
    "vllm:time_to_first_token_seconds_bucket",
    `${sel}, le="${ttft.seconds}"`,
    by,
  );
  return `(${all} - ${fast}) / ${all}`;
};
const gpuMemory = usageLine(thresholds.gpuMemory.ratio);
const fb = (m: string) => `sum by (${perGpu}) (${m}{${gpu}})`;
const clockReasons = `DCGM_FI_DEV_CLOCKS_EVENT_REASONS{${gpu}}`;
const gpuTemperature = { warn: 80, critical: 87 };

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
    labelVariable({
      name: "hostname",
      label: "GPU node",
      query: `label_values(DCGM_FI_DEV_GPU_UTIL{${gpuJob}}, hostname)`,
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
          description: `Requests queued in the scheduler of the busiest replica: saturation is per replica. ${thresholdText(waiting, String, "InferenceQueueBacklog")}`,
          unit: "short",
          width: 6,
          height: 4,
          thresholds: waiting,
          queries: [{ expr: `max(sum by (instance) (vllm:num_requests_waiting{${sel}}))` }],
        },
        {
          kind: "stat",
          title: "KV cache usage",
          description: `Largest KV cache usage across instances. ${thresholdText(kvCache, percent, "KVCacheSaturated")}`,
          unit: "percentunit",
          width: 6,
          height: 4,
          min: 0,
          max: 1,
          thresholds: kvCache,
          queries: [{ expr: `max(vllm:kv_cache_usage_perc{${sel}})` }],
        },
        {
          kind: "stat",
          title: `First tokens slower than ${ttft.seconds}s`,
          description: `Share of requests that waited more than ${ttft.seconds}s (a bucket bound, so exact) for their first token. ${thresholdText(slowTtft, percent, "SlowTimeToFirstToken")}`,
          unit: "percentunit",
          width: 6,
          height: 4,
          thresholds: slowTtft,
          queries: [{ expr: slowTtftShare() }],
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
          description: `p50, p95 and p99 from request arrival to the first generated token (queue and prefill). ${thresholdText(ttftLine, seconds, "SlowTimeToFirstToken")}`,
          unit: "s",
          thresholds: ttftLine,
          queries: quantiles("vllm:time_to_first_token_seconds", sel),
        },
        {
          kind: "timeseries",
          title: `Slow first tokens (share over ${ttft.seconds}s)`,
          description: `Share of each model's requests whose first token took more than ${ttft.seconds}s. ${thresholdText(slowTtft, percent, "SlowTimeToFirstToken")}`,
          unit: "percentunit",
          min: 0,
          thresholds: slowTtft,
          queries: [{ expr: slowTtftShare(["model_name"]), legend: "{{model_name}}" }],
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
          title: "Waiting requests by instance",
          description: `Requests queued in each replica's scheduler: saturation is per replica. ${thresholdText(waiting, String, "InferenceQueueBacklog")}`,
          unit: "short",
          thresholds: waiting,
          queries: [
            {
              expr: `sum by (instance) (vllm:num_requests_waiting{${sel}})`,
              legend: "{{instance}}",
            },
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
          title: "Preemptions by instance",
          description:
            "Requests each replica preempted per second because its KV cache ran out; they are recomputed later.",
          unit: "reqps",
          queries: [
            {
              expr: sumRate("vllm:num_preemptions_total", sel, ["instance"]),
              legend: "{{instance}}",
            },
          ],
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
          description: `Share of the KV cache in use. Near 100% the scheduler starts preempting requests. ${thresholdText(kvCache, percent, "KVCacheSaturated")}`,
          unit: "percentunit",
          min: 0,
          max: 1,
          thresholds: kvCache,
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
          description: "Utilisation of each GPU of the selected GPU nodes, from dcgm-exporter.",
          unit: "percent",
          min: 0,
          max: 100,
          queries: [
            {
              expr: `avg by (${perGpu}) (DCGM_FI_DEV_GPU_UTIL{${gpu}})`,
              legend: "{{hostname}} gpu {{gpu}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "GPU memory used",
          description: `Share of each GPU's framebuffer memory in use (reserved memory counted in the total). vLLM preallocates ${percent(thresholds.gpuMemory.vllmPreallocation)} at start. ${thresholdText(gpuMemory, percent, "GpuMemoryNearlyFull")}`,
          unit: "percentunit",
          min: 0,
          max: 1,
          thresholds: gpuMemory,
          queries: [
            {
              expr: `${fb("DCGM_FI_DEV_FB_USED")} / (${fb("DCGM_FI_DEV_FB_USED")} + ${fb("DCGM_FI_DEV_FB_FREE")} + ${fb("DCGM_FI_DEV_FB_RESERVED")})`,
              legend: "{{hostname}} gpu {{gpu}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "GPU temperature",
          description: `Temperature of each GPU. ${thresholdText(gpuTemperature, (v) => `${v} °C`)}`,
          unit: "celsius",
          thresholds: gpuTemperature,
          queries: [
            {
              expr: `max by (${perGpu}) (DCGM_FI_DEV_GPU_TEMP{${gpu}})`,
              legend: "{{hostname}} gpu {{gpu}}",
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
              expr: `max by (${perGpu}) (DCGM_FI_DEV_POWER_USAGE{${gpu}})`,
              legend: "{{hostname}} gpu {{gpu}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "GPU health",
          description:
            "Per GPU: the last XID error code (sticky until the GPU is reset; GpuXidError pages on the hardware ones), a failed row remap (1: GpuRowRemapFailure), and the clock-event reasons bitmask (GpuThrottled on heat and power trouble; 0x4, the power cap, is a busy GPU).",
          unit: "none",
          queries: [
            {
              expr: `max by (${perGpu}, err_code) (DCGM_FI_DEV_XID_ERRORS{${gpu}})`,
              legend: "{{hostname}} gpu {{gpu}} XID {{err_code}}",
            },
            {
              expr: `max by (${perGpu}) (DCGM_FI_DEV_ROW_REMAP_FAILURE{${gpu}})`,
              legend: "{{hostname}} gpu {{gpu}} row remap failed",
            },
            {
              expr: `max by (${perGpu}) (${clockReasons})`,
              legend: "{{hostname}} gpu {{gpu}} clock-event reasons",
            },
          ],
        },
      ],
    },
    { title: "Process", panels: processPanels(jobInstance, "model server") },
  ],
});
