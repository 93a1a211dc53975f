import {
  formatDuration,
  formatPercent,
  leMatcher,
  type RuleGroup,
} from "../scripts/authoring/index.ts";
import { platform, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";

const { job } = platform.components.mlService;
const sel = `job="${job}"`;
const gpuSel = `job="${platform.components.gpuExporter.job}"`;
const queue = thresholds.inferenceQueue;
const ttft = thresholds.timeToFirstToken;
const kv = thresholds.kvCache;
const gpuMemory = thresholds.gpuMemory;
const xid = thresholds.gpuXid;
const throttle = thresholds.gpuThrottle;

/** One GPU: dcgm-exporter's node (after relabelling, see config/platform.ts), index and UUID. */
const perGpu = "job, hostname, gpu, UUID";
const fb = (m: string) => `sum by (${perGpu}) (${m}{${gpuSel}})`;

/** Per model: the events of a vLLM histogram per second, and the share of them above `le`. */
function perModel(histogram: string, window: string, le: number) {
  const rateOf = (series: string, matcher = "") =>
    `sum by (job, model_name) (rate(${histogram}_${series}{${sel}${matcher}}[${window}]))`;
  const events = rateOf("count");
  return {
    events,
    slowShare: `(${events} - ${rateOf("bucket", `, ${leMatcher(le)}`)}) / ${events}`,
  };
}
const firstTokens = perModel("vllm:time_to_first_token_seconds", ttft.window, ttft.seconds);
const e2e = thresholds.e2eLatency;
const requests = perModel("vllm:e2e_request_latency_seconds", e2e.window, e2e.seconds);

/** The number of harmful clock-event reasons set in the bitmask (PromQL has no bitwise and). */
const reasons = `DCGM_FI_DEV_CLOCKS_EVENT_REASONS{${gpuSel}}`;
const harmfulReasons = Object.values(throttle.reasons)
  .map((bit) => `floor(${reasons} / ${bit}) % 2`)
  .join(" + ");
const reasonList = Object.entries(throttle.reasons)
  .map(([name, bit]) => `${name} (0x${bit.toString(16)})`)
  .join(", ");

export const group: RuleGroup = {
  name: "ml-service",
  rules: [
    alert({
      alert: "InferenceQueueBacklog",
      // Per replica: eight replicas with three waiting each are busy, not saturated. Averaged:
      // on the raw gauge one scrape at or under the threshold restarts `for`.
      expr: `sum by (job, instance, model_name) (avg_over_time(vllm:num_requests_waiting{${sel}}[${queue.smoothWindow}])) > ${queue.requests}`,
      for: queue.for,
      severity: "warning",
      component: job,
      summary:
        "{{ $labels.instance }} has a queue of waiting requests for {{ $labels.model_name }}",
      description: `{{ $value | humanize }} requests wait in the scheduler queue of {{ $labels.instance }} ({{ $labels.model_name }}, average over ${formatDuration(queue.smoothWindow)}), more than ${queue.requests} for ${formatDuration(queue.for)}.`,
      runbook: [
        "Waiting requests by instance on the ML service dashboard: one replica, or all of them?",
        "Check KV cache usage and preemptions on that instance: a full cache shrinks the batch.",
        "Scale the model server out, or shed load at the gateway.",
      ],
    }),
    alert({
      alert: "SlowTimeToFirstToken",
      // A share above a bucket bound, not histogram_quantile(): interpolation inside the 1-2.5 s
      // bucket made a p95 of 1.1 s read 2.1 s, and one of 2.4 s read 1.3 s.
      expr: `${firstTokens.slowShare} > ${ttft.ratio} and ${firstTokens.events} > ${ttft.minRequestsPerSecond}`,
      for: ttft.for,
      severity: "warning",
      component: job,
      summary: "Slow time to first token for {{ $labels.model_name }}",
      description: `{{ $value | humanizePercentage }} of {{ $labels.model_name }}'s requests waited more than ${ttft.seconds}s for their first token (more than ${formatPercent(ttft.ratio)}, above ${ttft.minRequestsPerSecond} requests/s).`,
      runbook: [
        `Slow first tokens (share over ${ttft.seconds}s) and Queue time on the ML service dashboard: queueing or slow prefill?`,
        "Long prompts raise prefill time: check the prompt-length distribution.",
        "Check GPU throttling and KV cache preemptions on the same dashboard.",
      ],
    }),
    alert({
      alert: "SlowModelRequests",
      // A share above a bucket bound, as SlowTimeToFirstToken: the buckets around it are 30 s wide.
      expr: `${requests.slowShare} > ${e2e.ratio} and ${requests.events} > ${e2e.minRequestsPerSecond}`,
      for: e2e.for,
      severity: "warning",
      component: job,
      summary: "Slow requests end to end for {{ $labels.model_name }}",
      description: `{{ $value | humanizePercentage }} of {{ $labels.model_name }}'s requests took the model server more than ${e2e.seconds}s end to end (more than ${formatPercent(e2e.ratio)}, above ${e2e.minRequestsPerSecond} requests/s): near the worker's call timeout, decoding is slow.`,
      runbook: [
        "Time to first token on the ML service dashboard: fast first tokens and slow requests mean slow decoding.",
        "Check GPU throttling and clocks, and the running batch (vllm:num_requests_running): an oversized batch slows every token.",
        "Long outputs (max_tokens) take longer: check the generation-token rate per request.",
      ],
    }),
    alert({
      alert: "KVCacheSaturated",
      // Both sides per instance: one pod full while another preempts is two different pods.
      expr: `max by (job, instance, model_name) (vllm:kv_cache_usage_perc{${sel}}) > ${kv.ratio} and on (job, instance, model_name) sum by (job, instance, model_name) (rate(vllm:num_preemptions_total{${sel}}[${kv.preemptionWindow}])) > 0`,
      for: kv.for,
      severity: "warning",
      component: job,
      summary: "KV cache of {{ $labels.instance }} is full and it preempts requests",
      description:
        "KV cache usage of {{ $labels.instance }} ({{ $labels.model_name }}) is {{ $value | humanizePercentage }} and its scheduler preempts requests, which recomputes them.",
      runbook: [
        "KV cache usage by instance and Preemptions by instance on the ML service dashboard.",
        "Lower max_num_seqs or max model length, or give the model more GPU memory.",
        "Scale the model server out to spread the load.",
      ],
    }),
    alert({
      alert: "GpuMemoryNearlyFull",
      // Reserved memory is part of the GPU: used / (used + free) overstated usage.
      expr: `${fb("DCGM_FI_DEV_FB_USED")} / (${fb("DCGM_FI_DEV_FB_USED")} + ${fb("DCGM_FI_DEV_FB_FREE")} + ${fb("DCGM_FI_DEV_FB_RESERVED")}) > ${gpuMemory.ratio}`,
      for: gpuMemory.for,
      severity: "warning",
      component: job,
      summary:
        "GPU {{ $labels.gpu }} on {{ $labels.hostname }} holds more memory than vLLM preallocates",
      description: `GPU {{ $labels.gpu }} on {{ $labels.hostname }} uses {{ $value | humanizePercentage }} of its memory; vLLM preallocates ${formatPercent(gpuMemory.vllmPreallocation)}, so something else holds the rest and the next allocation may fail (CUDA out of memory).`,
      runbook: [
        "Check which processes hold the memory (nvidia-smi on the node): a second process on a model server's GPU.",
        "Read the model server's logs for CUDA out of memory.",
      ],
    }),
    alert({
      alert: "GpuXidError",
      // DCGM_FI_DEV_XID_ERRORS holds the last XID until the GPU is reset: it resolves then.
      expr: `max by (${perGpu}, err_code, err_msg) (DCGM_FI_DEV_XID_ERRORS{${gpuSel}, err_code=~"${xid.codes.join("|")}"}) > 0`,
      for: xid.for,
      severity: "critical",
      component: job,
      summary:
        "GPU {{ $labels.gpu }} on {{ $labels.hostname }} reported XID {{ $labels.err_code }}",
      description:
        "GPU {{ $labels.gpu }} ({{ $labels.UUID }}) on {{ $labels.hostname }} reported XID {{ $labels.err_code }}: {{ $labels.err_msg }}. The model server on it fails or computes wrong results until the GPU is reset.",
      runbook: [
        "GPU health on the ML service dashboard: which GPU, which XID.",
        "Cordon and drain the node (kubectl cordon / drain) so the model server moves to a healthy GPU.",
        "Reset the GPU (nvidia-smi -r) or reboot the node; open a hardware ticket if it comes back.",
      ],
    }),
    alert({
      alert: "GpuRowRemapFailure",
      expr: `max by (${perGpu}) (DCGM_FI_DEV_ROW_REMAP_FAILURE{${gpuSel}}) > 0`,
      for: thresholds.gpuRowRemap.for,
      severity: "warning",
      component: job,
      summary: "GPU {{ $labels.gpu }} on {{ $labels.hostname }} failed to remap memory rows",
      description:
        "GPU {{ $labels.gpu }} ({{ $labels.UUID }}) on {{ $labels.hostname }} could not remap a failing memory row: its memory is degraded and the GPU needs replacing.",
      runbook: [
        "GPU health on the ML service dashboard.",
        "Drain the node at a quiet moment and open a hardware ticket to replace the GPU.",
      ],
    }),
    alert({
      alert: "GpuThrottled",
      expr: `max by (${perGpu}) (${harmfulReasons}) > 0`,
      for: throttle.for,
      severity: "warning",
      component: job,
      summary: "GPU {{ $labels.gpu }} on {{ $labels.hostname }} is throttled",
      description: `GPU {{ $labels.gpu }} on {{ $labels.hostname }} runs slowed down for heat or power trouble (${reasonList}) for ${formatDuration(throttle.for)}: inference on it is slower.`,
      runbook: [
        "GPU health and GPU temperature on the ML service dashboard.",
        "Check the node's cooling and power supply; move the model server if it persists.",
      ],
    }),
  ],
};
