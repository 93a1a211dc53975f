import { formatDuration, formatPercent, type RuleGroup } from "../scripts/authoring/index.ts";
import { platform, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";

const { job } = platform.components.mlWorker;
const sel = `job="${job}"`;
const pipeline = thresholds.workerPipelineErrors;
const backlog = thresholds.workerBacklog;
const calls = thresholds.modelCallErrorRatio;
const lag = `sum by (job) (redpanda_lag{${sel}})`;
const callRate = `sum by (job) (rate(http_request_latency_ns_count{${sel}}[${calls.window}]))`;

export const group: RuleGroup = {
  name: "ml-worker",
  rules: [
    alert({
      alert: "WorkerPipelineErrors",
      expr: `sum by (job, path) (rate(processor_error{${sel}}[${pipeline.window}])) > ${pipeline.perSecond}`,
      for: pipeline.for,
      severity: "warning",
      component: job,
      summary: "ML worker processor {{ $labels.path }} is failing messages",
      description:
        "{{ $labels.job }} fails {{ $value | humanize }} messages/s at {{ $labels.path }}.",
      runbook: [
        "Read the worker's error logs for that path (ML worker dashboard, Logs row).",
        "If the path is the model call, check the ML service dashboard.",
      ],
    }),
    alert({
      alert: "WorkerBacklogNotDraining",
      expr: `${lag} > ${backlog.messages} and on (job) deriv(${lag}[${backlog.trendWindow}:${backlog.trendStep}]) >= 0`,
      for: backlog.for,
      severity: "critical",
      component: job,
      summary: "ML worker backlog is not draining",
      description: `{{ $labels.job }} has {{ $value | humanize }} unconsumed requests and the backlog has not shrunk for ${formatDuration(backlog.trendWindow)}: requests are waiting.`,
      runbook: [
        "Check the worker consumes at all: Consumption rate and Consumer connection events.",
        "Check model-call latency and errors: a slow model server throttles the worker.",
        "Scale the worker out if it is healthy but cannot keep up.",
      ],
    }),
    alert({
      alert: "ModelCallErrorRatio",
      // `and`: the ratio only counts with enough calls (1 failure in 3 calls is no outage).
      expr: `sum by (job) (rate(http_request_code_5xx{${sel}}[${calls.window}])) / ${callRate} > ${calls.ratio} and ${callRate} > ${calls.minCallsPerSecond}`,
      for: calls.for,
      severity: "critical",
      component: job,
      summary: `More than ${formatPercent(calls.ratio)} of the worker's model calls fail with 5xx`,
      description: `{{ $value | humanizePercentage }} of {{ $labels.job }}'s calls to the model server answer 5xx (only above ${calls.minCallsPerSecond} calls/s).`,
      runbook: [
        "Open the ML service dashboard: queue, KV cache, GPU memory.",
        "Read the model server's logs for the errors.",
      ],
    }),
  ],
};
