/**
 * The model server as vLLM (v1 engine) reports it, per replica: its scheduler's gauges, its KV
 * cache, preemptions and the time-to-first-token histogram (Python's client prints `le` as
 * 1.0, 2.5, ...). Requests reach it from the worker; a dead replica reports nothing.
 */
import { platform } from "../../../config/platform.ts";
import { ttftBuckets } from "./buckets.ts";
import { podsOf, type Curve, type Distribution, type SeriesSet, type Target } from "./series.ts";

export type PerReplica<T = number> = (t: number, replica: number) => T;

export interface ModelServerSpec {
  replicas: number;
  health: (replica: number) => Partial<Pick<Target, "discovered" | "scraped">>;
  waiting: PerReplica;
  running: PerReplica;
  kvCacheUsage: PerReplica;
  preemptionsPerSecond: PerReplica;
  timeToFirstToken: Curve<Distribution>;
  /**
   * Whether vLLM's stat loggers run: started with --disable-log-stats it creates none, and its
   * /metrics (still answering) has no vllm:* series.
   */
  engineStats: Curve<boolean>;
}

const labels = { model_name: "llama-3-8b-instruct", engine: "0" };

/** The model server's series, serving `served` requests per second over its live replicas. */
export function modelServer(s: SeriesSet, spec: ModelServerSpec, served: Curve): Target[] {
  const pods = podsOf(platform.components.mlService.job, spec);
  const live = (t: number) => pods.filter((p) => p.scraped(t)).length;
  const perReplica = (t: number) => (live(t) > 0 ? served(t) / live(t) : 0);
  pods.forEach((p, i) => {
    s.up(p);
    s.only(spec.engineStats, () => engineSeries(s, spec, p, i, perReplica));
  });
  return pods;
}

/** What vLLM's stat loggers report of replica `i`, serving `served` requests per second. */
function engineSeries(s: SeriesSet, spec: ModelServerSpec, p: Target, i: number, served: Curve) {
  s.add(p, "vllm:num_requests_waiting", labels, (t) => spec.waiting(t, i));
  s.add(p, "vllm:num_requests_running", labels, (t) => spec.running(t, i));
  s.add(p, "vllm:kv_cache_usage_perc", labels, (t) => spec.kvCacheUsage(t, i));
  s.counter(p, "vllm:num_preemptions_total", labels, (t) => spec.preemptionsPerSecond(t, i));
  s.counter(p, "vllm:request_success_total", { ...labels, finished_reason: "stop" }, served);
  s.histogram(
    p,
    "vllm:time_to_first_token_seconds",
    labels,
    ttftBuckets,
    "python",
    served,
    spec.timeToFirstToken,
  );
}
