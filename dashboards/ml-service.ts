import { leMatcher } from "../scripts/authoring/index.ts";
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
    `${sel}, ${leMatcher(ttft.seconds)}`,
    by,
  );
  return `(${all} - ${fast}) / ${all}`;
};
const gpuMemory = usageLine(thresholds.gpuMemory.ratio);
const fb = (m: string) => `sum by (${perGpu}) (${m}{${gpu}})`;
const clockReasons = `DCGM_FI_DEV_CLOCKS_EVENT_REASONS{${gpu}}`;
const gpuTemperature = { warn: 80, critical: 87 };
/** Per model: a percentile over several models would describe none of them. */
const perModel = ["model_name"];
const finished = (matcher = "") =>
  sumRate("vllm:request_success_total", `${sel}${matcher}`, perModel);
/** The HTTP front end's requests (prometheus-fastapi-instrumentator; no model label). */
const http = (matcher = "") => sumRate("http_requests_total", `${jobInstance}${matcher}`);
/**
 * dcgm-exporter names the pod a GPU is allocated to `exported_pod` (the scrape's own `pod` is
 * the exporter's): copied to `pod` (label_join: label_replace's `$1` reads as a Grafana variable),
 * a GPU series joins the model server's series of that pod; a GPU of no pod gets none.
 */
const gpuOfPod = (metric: string) => `label_join(${metric}{${gpu}}, "pod", "", "exported_pod")`;
/** A length histogram (tokens) as a heatmap of its buckets. */
const lengths = (histogram: string, what: string) => ({
  kind: "heatmap" as const,
  title: `${what} length distribution`,
  description: `${what} lengths (tokens) of the requests finished per second, by bucket: where most requests lie and how long the tail is. Long prompts make prefill (and the time to first token) slow; long generations hold KV cache.`,
  unit: "short",
  queries: [
    {
      expr: sumRate(`${histogram}_bucket`, sel, ["le"]),
      legend: "{{le}}",
      format: "heatmap" as const,
    },
  ],
});

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
      title: "Requests and errors",
      panels: [
        {
          kind: "timeseries",
          title: "Request rate by model",
          description:
            "Requests the engine finished per second, per model, whatever the reason, and the HTTP front end's requests (all models).",
          unit: "reqps",
          queries: [
            { expr: finished(), legend: "{{model_name}}" },
            { expr: http(), legend: "HTTP requests" },
          ],
        },
        {
          kind: "timeseries",
          title: "Error ratio by model",
          description:
            "Per model, the share of finished requests the engine ended with reason error (a retryable internal error, answered 500) or abort (aborted by the engine; a client that disconnects is not counted); and the share of HTTP requests answered with a 5xx. An error after a streaming 200 has started is sent in the stream and counts as 2xx; an engine crash shows as the target down. The worker's side of it pages (ModelCallErrorRatio, the model-call SLO).",
          unit: "percentunit",
          min: 0,
          queries: [
            {
              expr: `${finished(', finished_reason=~"error|abort"')} / ${finished()}`,
              legend: "{{model_name}} error or abort",
            },
            { expr: `${http(', status="5xx"')} / ${http()}`, legend: "HTTP 5xx" },
          ],
        },
      ],
    },
    {
      title: "Latency",
      panels: [
        {
          kind: "timeseries",
          title: "End-to-end request latency",
          description: "p50, p95 and p99 of the whole request inside the model server, per model.",
          unit: "s",
          queries: quantiles("vllm:e2e_request_latency_seconds", sel, perModel),
        },
        {
          kind: "timeseries",
          title: "Time to first token",
          description: `p50, p95 and p99 from request arrival to the first generated token (queue and prefill), per model. ${thresholdText(ttftLine, seconds, "SlowTimeToFirstToken")}`,
          unit: "s",
          thresholds: ttftLine,
          queries: quantiles("vllm:time_to_first_token_seconds", sel, perModel),
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
          description:
            "p50, p95 and p99 time between two generated tokens (decode speed), per model.",
          unit: "s",
          queries: quantiles("vllm:inter_token_latency_seconds", sel, perModel),
        },
        {
          kind: "timeseries",
          title: "Queue time",
          description:
            "p50, p95 and p99 time a request waits before the scheduler runs it, per model.",
          unit: "s",
          queries: quantiles("vllm:request_queue_time_seconds", sel, perModel),
        },
        {
          kind: "timeseries",
          title: "Prefill and decode time",
          description:
            "p95 per model of the time a request spends in prefill (its prompt through the model, up to the first token) and in decode (the tokens after it): which half of the work got slow.",
          unit: "s",
          queries: [
            {
              expr: quantile(0.95, "vllm:request_prefill_time_seconds", sel, perModel),
              legend: "{{model_name}} prefill p95",
            },
            {
              expr: quantile(0.95, "vllm:request_decode_time_seconds", sel, perModel),
              legend: "{{model_name}} decode p95",
            },
          ],
        },
        lengths("vllm:request_prompt_tokens", "Prompt"),
        lengths("vllm:request_generation_tokens", "Generation"),
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
          title: "Generation tokens per second per GPU",
          description:
            "Tokens each model-server pod generates per second, divided by the GPUs allocated to it (dcgm-exporter's pod mapping): throughput per GPU, comparable across pods of different sizes.",
          unit: "short",
          queries: [
            {
              expr: `${sumRate("vllm:generation_tokens_total", sel, ["pod"])} / on (pod) count by (pod) (${gpuOfPod("DCGM_FI_DEV_GPU_UTIL")})`,
              legend: "{{pod}}",
            },
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
          title: "GPU framebuffer: used, reserved and free",
          description: `Each GPU's framebuffer memory: used (by vLLM: its ${percent(thresholds.gpuMemory.vllmPreallocation)} preallocation and the rest), reserved by the driver, and free. The three add up to the GPU's memory; GpuMemoryNearlyFull reads used over the total.`,
          unit: "mbytes",
          stacked: true,
          queries: [
            { expr: fb("DCGM_FI_DEV_FB_USED"), legend: "{{hostname}} gpu {{gpu}} used" },
            { expr: fb("DCGM_FI_DEV_FB_RESERVED"), legend: "{{hostname}} gpu {{gpu}} reserved" },
            { expr: fb("DCGM_FI_DEV_FB_FREE"), legend: "{{hostname}} gpu {{gpu}} free" },
          ],
        },
        {
          kind: "timeseries",
          title: "SM clock",
          description:
            "Each GPU's SM clock: a GPU held down by heat or power runs slower than its peers. The reasons are in the clock-event bitmask of GPU health (GpuThrottled).",
          unit: "rotmhz",
          queries: [
            {
              expr: `max by (${perGpu}) (DCGM_FI_DEV_SM_CLOCK{${gpu}})`,
              legend: "{{hostname}} gpu {{gpu}}",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "Tensor core activity",
          description:
            "Share of cycles each GPU's tensor (HMMA) pipe is busy, a DCGM profiling field: the work the model does, where GPU utilisation only says a kernel was running. Not on GPUs without profiling support.",
          unit: "percentunit",
          min: 0,
          max: 1,
          queries: [
            {
              expr: `max by (${perGpu}) (DCGM_FI_PROF_PIPE_TENSOR_ACTIVE{${gpu}})`,
              legend: "{{hostname}} gpu {{gpu}}",
            },
          ],
        },
        {
          kind: "table",
          title: "GPUs of the model-server pods",
          description:
            "Which GPU (node, index, UUID, model) serves which selected model-server pod, from dcgm-exporter's pod mapping, with the framebuffer it uses now. A pod missing here has no GPU allocated.",
          unit: "mbytes",
          queries: [
            {
              expr: `max by (pod, hostname, gpu, UUID, modelName) (${gpuOfPod("DCGM_FI_DEV_FB_USED")}) and on (pod) max by (pod) (vllm:num_requests_running{${sel}})`,
              format: "table",
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
