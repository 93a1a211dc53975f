/**
 * How each SLO's component reports good and failed events, written by hand from the exporters
 * (not from the generator): the raw series a promtool scenario feeds the SLO's rules. Each
 * entry also reports something the SLI must not count (health checks, quota refusals, a
 * healthy second model), so a selector that counts too much fails the tier tests.
 *
 * An SLO without an entry here fails test/slos/tiers.test.ts: add one with its new SLO.
 */

/** Events per second in one step: `valid` events, `bad` of them failed. */
export interface Load {
  valid: number;
  bad: number;
}

/** A raw series and what it counts, cumulatively, per step's load. */
export interface TrafficSeries {
  series: string;
  /** Events this series counts in a step of the given load (per second). */
  perSecond: (load: Load) => number;
}

/** The labels the SLO's alerts carry beyond alertname, severity and component. */
export interface Traffic {
  series: readonly TrafficSeries[];
  /** Labels of the burning series, as the alert keeps them. */
  labels: Readonly<Record<string, string>>;
  /** Labels of series of the same SLO that never fail (another model): they never fire. */
  healthy?: Readonly<Record<string, string>>;
}

const good = (l: Load) => l.valid - l.bad;
/** Half the failed events one way, half the other (output failures and processor errors...). */
const half = (l: Load) => l.bad / 2;
const always = (n: number) => () => n;

const api = 'job="api-service", instance="10.42.0.6:8000"';
const predict = `${api}, handler="/v1/predict", method="POST"`;
const health = `${api}, handler="/health", method="GET"`;
const gateway = 'job="api-gateway", instance="10.42.0.3:4195"';
const worker =
  'job="ml-worker", instance="10.42.0.4:4195", label="call_model", path="root.pipeline.processors.1"';
const webhook =
  'job="ml-worker", instance="10.42.0.4:4195", label="post_result", path="root.pipeline.processors.3"';
const vllm = 'job="ml-service", instance="10.42.0.5:8000", engine="0"';

/** A histogram whose good events all land at or under `le` and whose failed ones above it. */
function histogram(
  name: string,
  labels: string,
  bounds: readonly string[],
  le: string,
  load: (l: Load) => Load = (l) => l,
): TrafficSeries[] {
  const under = bounds.indexOf(le);
  if (under < 0) throw new Error(`${le} is not among the bounds ${bounds.join(", ")}`);
  return [
    ...bounds.map((b, i) => ({
      series: `${name}_bucket{${labels}, le="${b}"}`,
      perSecond: (l: Load) => (i >= under ? good(load(l)) : 0),
    })),
    { series: `${name}_bucket{${labels}, le="+Inf"}`, perSecond: (l: Load) => load(l).valid },
    { series: `${name}_count{${labels}}`, perSecond: (l: Load) => load(l).valid },
  ];
}

export const traffic: Record<string, Traffic> = {
  // FastAPI instrumentator: status classes; /health answering 5xx must not count.
  "api-availability": {
    labels: { job: "api-service" },
    series: [
      { series: `http_requests_total{${predict}, status="2xx"}`, perSecond: good },
      { series: `http_requests_total{${predict}, status="5xx"}`, perSecond: (l) => l.bad },
      { series: `http_requests_total{${health}, status="5xx"}`, perSecond: always(5) },
    ],
  },
  // Its Python client prints bounds as floats ("1.0"); slow health checks must not count.
  "api-latency": {
    labels: { job: "api-service" },
    series: [
      ...histogram("http_request_duration_seconds", predict, ["0.1", "0.5", "1.0"], "1.0"),
      ...histogram("http_request_duration_seconds", health, ["0.1", "0.5", "1.0"], "0.1", () => ({
        valid: 5,
        bad: 5,
      })),
    ],
  },
  // Benthos: received but never answered (output failures), and failing processors; quota
  // refusals are the quota doing its job.
  "gateway-availability": {
    labels: { job: "api-gateway" },
    series: [
      {
        series: `input_received{${gateway}, label="", path="root.input"}`,
        perSecond: (l) => l.valid,
      },
      {
        series: `input_latency_ns_count{${gateway}, label="", path="root.input"}`,
        perSecond: (l) => l.valid - half(l),
      },
      {
        series: `processor_error{${gateway}, label="", path="root.pipeline.processors.1"}`,
        perSecond: half,
      },
      {
        series: `processor_error{${gateway}, label="quota", path="root.pipeline.processors.0"}`,
        perSecond: always(5),
      },
    ],
  },
  // Benthos' http processor: every attempt timed; 5xx answers, and refused or timed-out calls
  // with no status code at all. Only the model call counts.
  "model-call-availability": {
    labels: { job: "ml-worker" },
    series: [
      { series: `http_request_latency_ns_count{${worker}}`, perSecond: (l) => l.valid },
      { series: `http_request_code_2xx{${worker}}`, perSecond: good },
      { series: `http_request_code_5xx{${worker}}`, perSecond: half },
      // Another http processor of the pipeline (Benthos times every HTTP client alike), failing.
      { series: `http_request_latency_ns_count{${webhook}}`, perSecond: always(5) },
      { series: `http_request_code_5xx{${webhook}}`, perSecond: always(5) },
    ],
  },
  // vLLM, per model: only llama burns; mistral stays fast and must not fire.
  "time-to-first-token": {
    labels: { job: "ml-service", model_name: "llama-3-8b-instruct" },
    healthy: { job: "ml-service", model_name: "mistral-7b-instruct" },
    series: [
      ...histogram(
        "vllm:time_to_first_token_seconds",
        `${vllm}, model_name="llama-3-8b-instruct"`,
        ["1.0", "2.5", "5.0"],
        "2.5",
      ),
      ...histogram(
        "vllm:time_to_first_token_seconds",
        `${vllm}, model_name="mistral-7b-instruct"`,
        ["1.0", "2.5", "5.0"],
        "2.5",
        (l) => ({ valid: l.valid, bad: 0 }),
      ),
    ],
  },
};
