/**
 * The API gateway as Benthos reports it: the http_server input counts a request on arrival
 * once it passed the rate limit (a 429 is only a rate_limit_triggered) and times it only when
 * it is acknowledged; a failed output write is an output_error and a 502, never timed.
 */
import { platform } from "../../../config/platform.ts";
import { benthosBuckets } from "./buckets.ts";
import { podsOf, type Curve, type Distribution, type SeriesSet, type Target } from "./series.ts";

export const tiers = ["free", "pro", "enterprise"] as const;
export type Tier = (typeof tiers)[number];

export interface GatewaySpec {
  replicas: number;
  health: (replica: number) => Partial<Pick<Target, "discovered" | "scraped">>;
  /** Requests per second arriving at the gateway, all replicas together. */
  requestsPerSecond: Curve;
  /** Share of arriving requests the rate limit refuses (429). */
  rateLimitedShare: Curve;
  /** Share of the accepted requests whose write to the queue fails (502). */
  outputFailingShare: Curve;
  /** Share of the accepted requests a processor fails (answered 5xx). */
  processorFailingShare: Curve;
  /** Requests per second refused for quota, by tier (answered 429 by the quota processor). */
  quotaRefusals: Record<Tier, Curve>;
  /** Time from receiving a request to acknowledging it. */
  latency: Curve<Distribution>;
}

const input = { label: "", path: "root.input" };
const output = { label: "", path: "root.output" };
const quotaProcessor = { label: "quota", path: "root.pipeline.processors.0" };
const rateLimit = { label: "tier_limit", path: "root.rate_limit_resources" };

/** The gateway's series; returns the messages per second it writes to the request topic. */
export function gateway(s: SeriesSet, spec: GatewaySpec): Curve {
  const pods = podsOf(platform.components.apiGateway.job, spec);
  // The Service spreads requests over the pods it lists.
  const listed = (t: number) => pods.filter((p) => p.discovered(t)).length;
  const share = (t: number) => (listed(t) > 0 ? 1 / listed(t) : 0);
  const arriving = (t: number) => spec.requestsPerSecond(t) * share(t);
  const accepted = (t: number) => arriving(t) * (1 - spec.rateLimitedShare(t));
  const quota = (tier: Tier) => (t: number) => spec.quotaRefusals[tier](t) * share(t);
  const refused = (t: number) => tiers.reduce((sum, tier) => sum + quota(tier)(t), 0);
  const admitted = (t: number) => Math.max(0, accepted(t) - refused(t));
  const outputFailed = (t: number) => admitted(t) * spec.outputFailingShare(t);
  const processorFailed = (t: number) => admitted(t) * spec.processorFailingShare(t);
  const written = (t: number) => admitted(t) - outputFailed(t) - processorFailed(t);
  for (const p of pods) {
    s.up(p);
    s.counter(p, "input_received", input, accepted);
    s.histogram(
      p,
      "input_latency_ns",
      input,
      benthosBuckets,
      "go",
      (t) => accepted(t) - outputFailed(t),
      spec.latency,
    );
    s.counter(p, "output_sent", output, written);
    s.counter(p, "output_error", output, outputFailed);
    s.counter(p, "processor_error", quotaProcessor, refused);
    s.counter(
      p,
      "processor_error",
      { label: "", path: "root.pipeline.processors.1" },
      processorFailed,
    );
    for (const tier of tiers) {
      s.counter(
        p,
        "quota_exceeded_total",
        { label: "quota_exceeded", path: "root.pipeline.processors.0", tier },
        quota(tier),
      );
    }
    s.counter(p, "rate_limit_checked", rateLimit, arriving);
    s.counter(p, "rate_limit_triggered", rateLimit, (t) => arriving(t) - accepted(t));
  }
  return (t) => written(t) * listed(t);
}
