import { formatDuration, formatPercent, type RuleGroup } from "../scripts/authoring/index.ts";
import { platform, selectors, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";

const { job } = platform.components.mlWorker;
const sel = `job="${job}"`;
const pipeline = thresholds.workerPipelineErrors;
const backlog = thresholds.workerBacklog;
const stalled = thresholds.workerReplicaStalled;
const idle = thresholds.workerNotConsuming;
const calls = thresholds.modelCallErrorRatio;

/**
 * Messages waiting in the request topic, per partition and in all. Every replica publishes the
 * lag of every partition of the consumer group (catalogue scope `group`): max per partition
 * counts each partition once. Only the request topic: the group may keep a retired one's lag.
 */
const partitionLag = `max by (job, topic, partition) (redpanda_lag{${sel}, ${selectors.requestTopic}})`;
const lag = `sum by (job) (${partitionLag})`;
const consumed = `sum by (job) (rate(input_received{${sel}}[${backlog.window}]))`;
/** The most any partition's lag grew over the stall window (a subquery at the scrape interval). */
const lagGrowth = `max by (job) (delta(${partitionLag}[${stalled.window}:${platform.monitoring.scrapeInterval}]))`;
/** The gateway's one output writes the request topic. */
const written = `sum(rate(output_sent{job="${platform.components.apiGateway.job}"}[${idle.window}]))`;

/** Every attempt (retries included) is timed; only attempts that got an answer have a code. */
const call = `${sel}, ${selectors.modelCall}`;
const attempts = `sum by (job) (rate(http_request_latency_ns_count{${call}}[${calls.window}]))`;
// No 2xx series at all (every call failed since the worker started) reads as no successes.
const succeeded = `(sum by (job) (rate(http_request_code_2xx{${call}}[${calls.window}])) or 0 * ${attempts})`;
const failedShare = `(${attempts} - ${succeeded}) / ${attempts}`;

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
        "Failed model calls are not counted here (Benthos' http processor flags a copy of the message): see ModelCallErrorRatio.",
      ],
    }),
    alert({
      alert: "WorkerBacklogNotDraining",
      // Zero consumption makes the time to drain +Inf: a backlog nobody consumes fires. With the
      // worker dead the lag series are gone too; JobDown and TargetsMissing page then.
      expr: `${lag} / ${consumed} > ${backlog.drainSeconds} and ${lag} > ${backlog.minMessages}`,
      for: backlog.for,
      severity: "critical",
      component: job,
      summary: "ML worker backlog takes too long to drain",
      description: `At its current consumption rate {{ $labels.job }} needs {{ $value | humanizeDuration }} to consume the messages waiting in the request topic, more than ${formatDuration(backlog.drainSeconds)}: requests wait that long.`,
      runbook: [
        "Check the worker consumes at all: Consumption rate and Consumed and completed on the ML worker dashboard.",
        "Check model-call latency and failures: a slow or failing model server throttles the worker.",
        "Scale the worker out if it is healthy but cannot keep up (no more replicas than partitions).",
        "With every worker replica down their lag series vanish and this cannot fire: JobDown (ml-worker) pages instead.",
      ],
    }),
    alert({
      alert: "WorkerReplicaStalled",
      // Growth, not size: a busy group keeps hundreds in flight, and a replica beyond the
      // partition count idles beside them.
      expr: `sum by (job, instance) (rate(input_received{${sel}}[${stalled.window}])) == 0 and on (job) ${lagGrowth} > ${stalled.minGrowth}`,
      for: stalled.for,
      severity: "critical",
      component: job,
      summary: "ML worker replica {{ $labels.instance }} consumes nothing while requests wait",
      description: `{{ $labels.instance }} has consumed no message for ${formatDuration(stalled.window)} while a partition of the request topic grew by more than ${stalled.minGrowth} messages: the partitions it owns are not processed.`,
      runbook: [
        "Compare Consumed by instance on the ML worker dashboard: the stalled replica is flat.",
        "Read its logs, then restart it (kubectl delete pod): the group rebalances its partitions to the others.",
        "A replica beyond the partition count idles by design: keep replicas at or under the partitions.",
      ],
    }),
    alert({
      alert: "WorkerNotConsuming",
      // Independent of the lag: a worker that lost the broker keeps reporting the last lag it
      // read (connect's kafka/lag.go skips a failed refresh), however many requests wait.
      expr: `sum by (job) (rate(input_received{${sel}}[${idle.window}])) == 0 and on () ${written} > 0`,
      for: idle.for,
      severity: "critical",
      component: job,
      summary: "ML worker consumes nothing while the gateway writes requests",
      description: `{{ $labels.job }} has consumed no message for ${formatDuration(idle.window)} while the API gateway kept writing requests to the request topic: nobody processes them.`,
      runbook: [
        "Consumption rate on the ML worker dashboard: flat at 0 on every replica.",
        "Read the worker's logs for broker errors (connection refused, group coordinator, SASL/TLS) and check Redpanda's health.",
        "The queue lag panel may look healthy: the worker keeps the last lag it could read.",
      ],
    }),
    alert({
      alert: "ModelCallErrorRatio",
      // Refused and timed-out calls get no status code, so failures are the attempts without a
      // 2xx. Every call failing pages at a lower traffic floor than a partial failure.
      expr: `(${failedShare} > ${calls.ratio} and ${attempts} > ${calls.minCallsPerSecond}) or (${failedShare} >= 1 and ${attempts} > ${calls.allFailingCallsPerSecond})`,
      for: calls.for,
      severity: "critical",
      component: job,
      summary: `More than ${formatPercent(calls.ratio)} of the worker's model calls fail`,
      description: `{{ $value | humanizePercentage }} of {{ $labels.job }}'s calls to the model server get no 2xx: errors, refused connections and timeouts (above ${calls.minCallsPerSecond} calls/s, or every call failing above ${calls.allFailingCallsPerSecond} calls/s).`,
      runbook: [
        "Model-call failure ratio and Model-call responses by status class on the ML worker dashboard: no status at all means refused or timed out.",
        "Open the ML service dashboard: targets up, queue, KV cache, GPUs.",
        "Read the worker's error logs (HTTP request to ... failed) and the model server's logs.",
      ],
    }),
  ],
};
