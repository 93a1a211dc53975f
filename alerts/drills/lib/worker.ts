/**
 * The ML worker as Redpanda Connect reports it. Each partition of the request topic is
 * consumed by one replica of the group; every replica reports the lag of every partition
 * (redpanda_lag, refreshed on its own clock). The http processor times every attempt of a
 * model call, retries included, and counts a status code only when an answer came; a call
 * that failed every attempt goes on down the pipeline, so the message is still consumed.
 */
import { platform } from "../../../config/platform.ts";
import { benthosBuckets } from "./buckets.ts";
import {
  mean,
  podsOf,
  type Curve,
  type Distribution,
  type Health,
  type SeriesSet,
  type Target,
} from "./series.ts";

/** How model calls end: answered 2xx, answered 5xx, connection refused, timed out. */
export interface CallOutcomes {
  ok: number;
  error: number;
  refused: number;
  timeout: number;
}

export interface WorkerSpec {
  replicas: number;
  partitions: number;
  health: (replica: number) => Health;
  /** A replica that is alive and keeps its partitions but processes nothing (a stuck pipeline). */
  stalled: (t: number, replica: number) => boolean;
  /**
   * The worker cannot reach the broker: it consumes nothing, and its lag gauge keeps the last
   * value it read (connect's kafka/lag.go returns on a failed lag query, the gauge untouched).
   */
  disconnected: Curve<boolean>;
  /** Messages a replica works on at once. */
  threads: number;
  /** Shares of the calls ending each way; what is not given is ok. */
  calls: Curve<Partial<CallOutcomes>>;
  /** Latency of a successful model call. */
  callLatency: Curve<Distribution>;
  /** The http processor's settings (instrumentation contract: timeout above the longest call). */
  timeoutSeconds: number;
  retries: number;
  retryPeriodSeconds: number;
  /** Seconds of consumption the lag still counts: the commit period and messages in flight. */
  uncommittedSeconds: Curve;
  /** Benthos' timer type: `summary` is its default, the contract says `histogram`. */
  timing: Curve<"histogram" | "summary">;
}

const input = { label: "", path: "root.input" };
const output = { label: "", path: "root.output" };
const call = { label: "call_model", path: "root.pipeline.processors.1" };
const topic = "inference-requests";
/** How long a 5xx answer takes. */
const errorSeconds = 0.5;
const refusedSeconds = 0.001;

function outcomes(spec: WorkerSpec, t: number): CallOutcomes {
  const c = spec.calls(t);
  const error = c.error ?? 0;
  const refused = c.refused ?? 0;
  const timeout = c.timeout ?? 0;
  return { ok: c.ok ?? 1 - error - refused - timeout, error, refused, timeout };
}

/** Seconds each failing call costs over all its attempts and the waits between them. */
function failingSeconds(spec: WorkerSpec): Omit<CallOutcomes, "ok"> {
  const attempts = spec.retries + 1;
  const waits = spec.retries * spec.retryPeriodSeconds;
  return {
    error: attempts * errorSeconds + waits,
    refused: attempts * refusedSeconds + waits,
    timeout: attempts * spec.timeoutSeconds + waits,
  };
}

/** The worker's series; returns the model calls per second answered 2xx (what vLLM served). */
export function worker(s: SeriesSet, spec: WorkerSpec, inflow: Curve): Curve {
  const pods = podsOf(platform.components.mlWorker.job, spec);
  const failing = failingSeconds(spec);
  const attempts = spec.retries + 1;
  /** Seconds a replica spends on one message, on average. */
  const perMessage = (t: number) => {
    const o = outcomes(spec, t);
    return (
      o.ok * mean(spec.callLatency(t)) +
      o.error * failing.error +
      o.refused * failing.refused +
      o.timeout * failing.timeout
    );
  };

  // Consumption and backlog, step by step: a live replica (stalled or not) keeps its share of
  // the partitions; the group hands a dead replica's partitions to the others.
  const lag = Array.from({ length: spec.partitions }, () => 0);
  const consumed: number[][] = [];
  const partitionRate: number[][] = [];
  const backlog: number[][] = [];
  for (const t of s.times) {
    const members = pods.map((p, i) => (p.scraped(t) ? i : -1)).filter((i) => i >= 0);
    const perReplica = pods.map(() => 0);
    const rates = lag.map((_, p) => {
      if (members.length === 0) return 0;
      const owner = members[p % members.length]!;
      const partitionsOwned = lag.filter((_, q) => members[q % members.length] === owner).length;
      const stuck = spec.stalled(t, owner) || spec.disconnected(t);
      const capacity = stuck ? 0 : spec.threads / perMessage(t) / partitionsOwned;
      const available = inflow(t) / spec.partitions + lag[p]! / s.step;
      const rate = Math.min(capacity, available);
      perReplica[owner]! += rate;
      return rate;
    });
    lag.forEach(
      (l, p) => (lag[p] = Math.max(0, l + (inflow(t) / spec.partitions - rates[p]!) * s.step)),
    );
    consumed.push(perReplica);
    partitionRate.push(rates);
    backlog.push([...lag]);
  }

  const okRate: Curve = (t) =>
    consumed[s.index(t)]!.reduce((a, b) => a + b, 0) * outcomes(spec, t).ok;
  pods.forEach((p, i) => {
    const rate = (t: number) => consumed[s.index(t)]![i]!;
    const o = (t: number) => outcomes(spec, t);
    s.up(p);
    s.counter(p, "input_received", input, rate);
    s.counter(p, "output_sent", output, rate);
    s.counter(p, "processor_error", call, () => 0);
    // Each message: one attempt when it succeeds, every attempt when it fails.
    const attemptRate = (t: number) => rate(t) * (o(t).ok + (1 - o(t).ok) * attempts);
    /** The answered calls' latencies beside each failure's, weighted, as shares. */
    const latencyWith = (t: number, failures: [weight: number, seconds: number][]) => {
      const weights: [number, number][] = [
        ...spec.callLatency(t).map(([share, v]): [number, number] => [share * o(t).ok, v]),
        ...failures,
      ];
      const total = weights.reduce((sum, [w]) => sum + w, 0);
      return weights.filter(([w]) => w > 0).map(([w, v]): [number, number] => [w / total, v]);
    };
    // A message waits for all its attempts; each attempt is timed on its own.
    const messageLatency = (t: number): Distribution =>
      latencyWith(t, [
        [o(t).error, failing.error],
        [o(t).refused, failing.refused],
        [o(t).timeout, failing.timeout],
      ]);
    const attemptLatency = (t: number): Distribution =>
      latencyWith(t, [
        [o(t).error * attempts, errorSeconds],
        [o(t).refused * attempts, refusedSeconds],
        [o(t).timeout * attempts, spec.timeoutSeconds],
      ]);
    timer(s, spec, p, "input_latency_ns", input, rate, messageLatency);
    timer(s, spec, p, "http_request_latency_ns", call, attemptRate, attemptLatency);
    // Benthos' http client creates each status class's counter on its first response of it.
    s.counter(p, "http_request_code_2xx", call, (t) => rate(t) * o(t).ok, true);
    s.counter(p, "http_request_code_5xx", call, (t) => rate(t) * o(t).error * attempts, true);
    for (let part = 0; part < spec.partitions; part++) {
      // Lag at this replica's last refresh: the backlog, plus what was consumed but is not
      // committed yet; replicas refresh at their own moments, so they differ a little.
      let last = 0;
      const reported = s.times.map((t, k) => {
        if (spec.disconnected(t)) return last;
        const phase = Math.sin(k * 1.3 + i * 2.1 + part);
        const uncommitted =
          partitionRate[k]![part]! * spec.uncommittedSeconds(t) * (1 + 0.2 * phase);
        return (last = Math.round(backlog[k]![part]! + uncommitted));
      });
      const labels = { ...input, topic, partition: String(part) };
      s.add(p, "redpanda_lag", labels, (t) => reported[s.index(t)]!);
    }
  });
  return okRate;
}

/**
 * A Benthos timer: a histogram in seconds with the contract's buckets, or with Benthos'
 * default timing a summary in nanoseconds, which has no buckets.
 */
function timer(
  s: SeriesSet,
  spec: WorkerSpec,
  p: Target,
  name: string,
  labels: Record<string, string>,
  rate: Curve,
  dist: Curve<Distribution>,
) {
  s.only(
    (t) => spec.timing(t) === "histogram",
    () => s.histogram(p, name, labels, benthosBuckets, "go", rate, dist),
  );
  const ns = 1e9;
  s.only(
    (t) => spec.timing(t) === "summary",
    () => {
      s.counter(p, `${name}_count`, labels, rate);
      s.counter(p, `${name}_sum`, labels, (t) => rate(t) * mean(dist(t)) * ns);
      for (const q of [0.5, 0.9, 0.99]) {
        s.add(p, name, { ...labels, quantile: String(q) }, (t) => {
          let seen = 0;
          const sorted = [...dist(t)].sort((a, b) => a[1] - b[1]);
          for (const [share, v] of sorted) {
            seen += share;
            if (seen >= q) return v * ns;
          }
          return (sorted.at(-1)?.[1] ?? 0) * ns;
        });
      }
    },
  );
}
