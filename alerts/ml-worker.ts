import { platform, thresholds } from "../config/platform.ts";
import type { RuleGroup } from "../scripts/rules/model.ts";
import { alert } from "./lib/alert.ts";

const { job } = platform.components.mlWorker;
const sel = `job="${job}"`;

export const group: RuleGroup = {
  name: "ml-worker",
  rules: [
    alert({
      alert: "WorkerPipelineErrors",
      expr: `sum by (job, path) (rate(processor_error{${sel}}[5m])) > ${thresholds.workerPipelineErrors.perSecond}`,
      for: thresholds.workerPipelineErrors.for,
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
      expr: `sum by (job) (redpanda_lag{${sel}}) > ${thresholds.workerBacklog.messages} and on (job) deriv(sum by (job) (redpanda_lag{${sel}})[15m:1m]) >= 0`,
      for: thresholds.workerBacklog.for,
      severity: "critical",
      component: job,
      summary: "ML worker backlog is not draining",
      description:
        "{{ $labels.job }} has {{ $value | humanize }} unconsumed requests and the backlog has not shrunk for 15 minutes: requests are waiting.",
      runbook: [
        "Check the worker consumes at all: Consumption rate and Consumer connection events.",
        "Check model-call latency and errors: a slow model server throttles the worker.",
        "Scale the worker out if it is healthy but cannot keep up.",
      ],
    }),
    alert({
      alert: "ModelCallErrorRatio",
      expr: `sum by (job) (rate(http_request_code_5xx{${sel}}[5m])) / sum by (job) (rate(http_request_latency_ns_count{${sel}}[5m])) > ${thresholds.modelCallErrorRatio.ratio}`,
      for: thresholds.modelCallErrorRatio.for,
      severity: "critical",
      component: job,
      summary: "More than 5% of the worker's model calls fail with 5xx",
      description:
        "{{ $value | humanizePercentage }} of {{ $labels.job }}'s calls to the model server answer 5xx.",
      runbook: [
        "Open the ML service dashboard: queue, KV cache, GPU memory.",
        "Read the model server's logs for the errors.",
      ],
    }),
  ],
};
