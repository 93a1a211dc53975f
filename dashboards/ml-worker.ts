import { platform, thresholds } from "../config/platform.ts";
import { processorPanels } from "./lib/benthos.ts";
import { defineDashboard } from "./lib/dashboard.ts";
import { processPanels } from "./lib/process.ts";
import { quantile, quantiles, sumRate } from "./lib/promql.ts";
import { alertLine, percent, seconds, thresholdText } from "./lib/thresholds.ts";
import { jobInstance as sel } from "./lib/variables.ts";

/** Every attempt is timed; only answered ones have a status code (refused and timed out: none). */
const modelCalls = sumRate("http_request_latency_ns_count", sel);
const answeredWith = (code: string) => sumRate(`http_request_code_${code}`, sel);
const modelCallFailureRatio = `(${modelCalls} - (${answeredWith("2xx")} or ${modelCalls} * 0)) / ${modelCalls}`;
/** Every replica reports the whole group's lag per partition: max deduplicates the replicas. */
const lagByPartition = `max by (topic, partition) (redpanda_lag{${sel}})`;
const backlog = `sum(${lagByPartition})`;

const drain = alertLine(thresholds.workerBacklog.drainSeconds);
const modelCallErrors = alertLine(thresholds.modelCallErrorRatio.ratio, 0.2);
/** No alert watches the model-call latency: these lines are the dashboard's own. */
const modelCallLatency = { warn: 5, critical: 10 };

/** ML worker: the Benthos pipeline that consumes inference requests and calls the model server. */
export default defineDashboard({
  slug: "ml-worker",
  title: "ML platform / ML worker",
  description:
    "The Benthos ML worker: what it consumes from the request queue, how its calls to the model server fare, the tokens they use, and the backlog left behind.",
  tags: ["ml-worker", "benthos"],
  component: platform.components.mlWorker,
  rows: [
    {
      title: "Overview",
      panels: [
        {
          kind: "stat",
          title: "Consumption rate",
          description: "Messages per second the worker takes from the request queue.",
          unit: "mps",
          width: 6,
          height: 4,
          queries: [{ expr: sumRate("input_received", sel) }],
        },
        {
          kind: "stat",
          title: "Time to drain now",
          description: `How long the worker needs, at its current consumption rate, to consume the messages waiting in the request topic: how long a new request waits. ${thresholdText(drain, seconds, "WorkerBacklogNotDraining")}`,
          unit: "s",
          width: 6,
          height: 4,
          thresholds: drain,
          queries: [{ expr: `${backlog} / ${sumRate("input_received", sel)}` }],
        },
        {
          kind: "stat",
          title: "Model-call failure ratio now",
          description: `Share of calls to the model server that got no 2xx: error answers, refused connections and timeouts. ${thresholdText(modelCallErrors, percent, "ModelCallErrorRatio")}`,
          unit: "percentunit",
          width: 6,
          height: 4,
          thresholds: modelCallErrors,
          queries: [{ expr: modelCallFailureRatio }],
        },
        {
          kind: "stat",
          title: "Model-call p95 latency",
          description: `95th percentile latency of the worker's calls to the model server. ${thresholdText(modelCallLatency, seconds)}`,
          unit: "s",
          width: 6,
          height: 4,
          thresholds: modelCallLatency,
          queries: [{ expr: quantile(0.95, "http_request_latency_ns", sel) }],
        },
      ],
    },
    {
      title: "Throughput",
      panels: [
        {
          kind: "timeseries",
          title: "Consumed and completed",
          description:
            "Messages per second taken from the queue (consumed) and written to the output (completed). A gap that persists means work is piling up or failing.",
          unit: "mps",
          queries: [
            { expr: sumRate("input_received", sel), legend: "consumed" },
            { expr: sumRate("output_sent", sel), legend: "completed" },
          ],
        },
        {
          kind: "timeseries",
          title: "Consumed by instance",
          description:
            "Messages per second each replica takes from the queue. A replica flat at 0 while the others work is stalled (WorkerReplicaStalled), or has no partition.",
          unit: "mps",
          queries: [{ expr: sumRate("input_received", sel, ["instance"]), legend: "{{instance}}" }],
        },
        {
          kind: "timeseries",
          title: "End-to-end latency",
          description:
            "p50, p95 and p99 from taking a message off the queue to acknowledging it, model call included.",
          unit: "s",
          queries: quantiles("input_latency_ns", sel),
        },
      ],
    },
    {
      title: "Processing",
      panels: [...processorPanels(sel)],
    },
    {
      title: "Model calls",
      panels: [
        {
          kind: "timeseries",
          title: "Model-call latency",
          description: "p50, p95 and p99 latency of the worker's HTTP calls to the model server.",
          unit: "s",
          queries: quantiles("http_request_latency_ns", sel),
        },
        {
          kind: "timeseries",
          title: "Model-call responses by status class",
          description:
            "Calls to the model server per second (retries included), by the status class of the answer; no answer is a refused connection or a timeout.",
          unit: "reqps",
          stacked: true,
          queries: [
            ...["2xx", "4xx", "5xx"].map((code) => ({ expr: answeredWith(code), legend: code })),
            {
              expr: `${modelCalls} - (${answeredWith("2xx")} or ${modelCalls} * 0) - (${answeredWith("4xx")} or ${modelCalls} * 0) - (${answeredWith("5xx")} or ${modelCalls} * 0)`,
              legend: "no answer",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "Model-call failure ratio",
          description: `Share of calls to the model server that got no 2xx: error answers, refused connections and timeouts. ${thresholdText(modelCallErrors, percent, "ModelCallErrorRatio")}`,
          unit: "percentunit",
          min: 0,
          thresholds: modelCallErrors,
          queries: [{ expr: modelCallFailureRatio, legend: "failed" }],
        },
        {
          kind: "timeseries",
          title: "Token usage by model",
          description:
            "Prompt and completion tokens per second used by completed model calls, by model.",
          unit: "short",
          stacked: true,
          queries: [
            {
              expr: sumRate("llm_tokens_total", sel, ["model", "kind"]),
              legend: "{{model}} {{kind}}",
            },
          ],
        },
      ],
    },
    {
      title: "Queue",
      panels: [
        {
          kind: "timeseries",
          title: "Queue lag by partition",
          description:
            "Messages waiting in each partition of the request topic, stacked to the topic's total (every replica reports every partition: counted once). A partition that only grows is not consumed.",
          unit: "short",
          stacked: true,
          queries: [{ expr: lagByPartition, legend: "{{topic}}/{{partition}}" }],
        },
        {
          kind: "timeseries",
          title: "Time to drain",
          description: `The backlog over the consumption rate: how long the worker needs to consume what waits. ${thresholdText(drain, seconds, "WorkerBacklogNotDraining")}`,
          unit: "s",
          min: 0,
          thresholds: drain,
          queries: [
            { expr: `${backlog} / ${sumRate("input_received", sel)}`, legend: "time to drain" },
          ],
        },
        {
          kind: "timeseries",
          title: "Consumer connection events",
          description:
            "Times per second the queue input connected, failed to connect or lost its connection.",
          unit: "ops",
          queries: ["up", "failed", "lost"].map((event) => ({
            expr: sumRate(`input_connection_${event}`, sel),
            legend: event,
          })),
        },
      ],
    },
    { title: "Process", panels: processPanels(sel, "worker") },
  ],
});
