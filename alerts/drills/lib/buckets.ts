/**
 * Bucket bounds as the exporters are configured with them (config/metrics/). Drill coverage
 * (scripts/engine/prometheus/drill-coverage.ts) checks every drill's `le` against the
 * catalogue, so these cannot drift from it unnoticed.
 */

/** Benthos' one `histogram_buckets` list, for every timer (config/exporters/benthos-metrics.yaml). */
export const benthosBuckets = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
];

/** vLLM's vllm:time_to_first_token_seconds. */
export const ttftBuckets = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80,
  160, 640, 2560,
];

/** prometheus-fastapi-instrumentator's http_request_duration_seconds. */
export const instrumentatorBuckets = [0.1, 0.5, 1];
