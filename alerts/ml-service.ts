import { formatDuration, formatPercentile, type RuleGroup } from "../scripts/authoring/index.ts";
import { platform, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";

const { job } = platform.components.mlService;
const sel = `job="${job}"`;
const gpu = `job="${platform.components.gpuExporter.job}"`;
const queue = thresholds.inferenceQueue;
const ttft = thresholds.timeToFirstToken;
const kv = thresholds.kvCache;
const gpuMemory = thresholds.gpuMemory;
const fb = (m: string) => `sum by (job, Hostname, gpu) (${m}{${gpu}})`;

export const group: RuleGroup = {
  name: "ml-service",
  rules: [
    alert({
      alert: "InferenceQueueBacklog",
      // Averaged: on the raw gauge one scrape at or under the threshold restarts `for`.
      expr: `sum by (job, model_name) (avg_over_time(vllm:num_requests_waiting{${sel}}[${queue.smoothWindow}])) > ${queue.requests}`,
      for: queue.for,
      severity: "warning",
      component: job,
      summary: "{{ $labels.model_name }} has a queue of waiting requests",
      description: `{{ $value | humanize }} requests wait in the scheduler queue of {{ $labels.model_name }} (average over ${formatDuration(queue.smoothWindow)}), more than ${queue.requests} for ${formatDuration(queue.for)}.`,
      runbook: [
        "Check KV cache usage and preemptions: a full cache shrinks the batch.",
        "Scale the model server out, or shed load at the gateway.",
      ],
    }),
    alert({
      alert: "SlowTimeToFirstToken",
      expr: `histogram_quantile(${ttft.quantile}, sum by (le, job, model_name) (rate(vllm:time_to_first_token_seconds_bucket{${sel}}[${ttft.window}]))) > ${ttft.seconds}`,
      for: ttft.for,
      severity: "warning",
      component: job,
      summary: "Slow time to first token for {{ $labels.model_name }}",
      description: `${formatPercentile(ttft.quantile)} time to first token of {{ $labels.model_name }} is {{ $value | humanizeDuration }} (over ${ttft.seconds}s).`,
      runbook: [
        "Compare queue time and TTFT on the ML service dashboard: queueing or slow prefill?",
        "Long prompts raise prefill time: check the prompt-length distribution.",
      ],
    }),
    alert({
      alert: "KVCacheSaturated",
      expr: `max by (job, model_name) (vllm:kv_cache_usage_perc{${sel}}) > ${kv.ratio} and on (job, model_name) sum by (job, model_name) (rate(vllm:num_preemptions_total{${sel}}[${kv.preemptionWindow}])) > 0`,
      for: kv.for,
      severity: "warning",
      component: job,
      summary: "KV cache of {{ $labels.model_name }} is full and requests are preempted",
      description:
        "KV cache usage of {{ $labels.model_name }} is {{ $value | humanizePercentage }} and the scheduler preempts requests, which recomputes them.",
      runbook: [
        "Lower max_num_seqs or max model length, or give the model more GPU memory.",
        "Scale the model server out to spread the load.",
      ],
    }),
    alert({
      alert: "GpuMemoryNearlyFull",
      expr: `${fb("DCGM_FI_DEV_FB_USED")} / (${fb("DCGM_FI_DEV_FB_USED")} + ${fb("DCGM_FI_DEV_FB_FREE")}) > ${gpuMemory.ratio}`,
      for: gpuMemory.for,
      severity: "warning",
      component: job,
      summary: "GPU {{ $labels.gpu }} on {{ $labels.Hostname }} is nearly out of memory",
      description:
        "GPU {{ $labels.gpu }} on {{ $labels.Hostname }} uses {{ $value | humanizePercentage }} of its memory.",
      runbook: [
        "Check which process holds the memory (nvidia-smi on the node).",
        "vLLM preallocates gpu_memory_utilization of the GPU: a second process on the GPU will not fit.",
      ],
    }),
  ],
};
