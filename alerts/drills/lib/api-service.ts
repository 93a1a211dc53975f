/**
 * The API service as prometheus-fastapi-instrumentator reports it with the contract's settings:
 * /metrics and /health excluded, status grouped (2xx, 5xx), the coarse latency buckets.
 */
import { platform } from "../../../config/platform.ts";
import { instrumentatorBuckets } from "./buckets.ts";
import { podsOf, type Curve, type Distribution, type SeriesSet, type Target } from "./series.ts";

export interface ApiServiceSpec {
  replicas: number;
  health: (replica: number) => Partial<Pick<Target, "discovered" | "scraped">>;
  requestsPerSecond: Curve;
  /** Share of requests answered 5xx. */
  errorShare: Curve;
  latency: Curve<Distribution>;
}

const predict = { handler: "/v1/predict", method: "POST" };

export function apiService(s: SeriesSet, spec: ApiServiceSpec) {
  const pods = podsOf(platform.components.apiService.job, spec);
  const listed = (t: number) => pods.filter((p) => p.discovered(t)).length;
  const rate = (t: number) => (listed(t) > 0 ? spec.requestsPerSecond(t) / listed(t) : 0);
  for (const p of pods) {
    s.up(p);
    s.counter(
      p,
      "http_requests_total",
      { ...predict, status: "2xx" },
      (t) => rate(t) * (1 - spec.errorShare(t)),
    );
    s.counter(
      p,
      "http_requests_total",
      { ...predict, status: "5xx" },
      (t) => rate(t) * spec.errorShare(t),
    );
    s.histogram(
      p,
      "http_request_duration_seconds",
      predict,
      instrumentatorBuckets,
      "python",
      rate,
      spec.latency,
    );
  }
}
