import { formatPercent, formatPercentile, type RuleGroup } from "../scripts/authoring/index.ts";
import { platform, selectors, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";

const { job } = platform.components.apiService;
const sel = `job="${job}", ${selectors.apiTraffic}`;
const lat = thresholds.apiLatency;

/** The API service's own alerts; its SLOs (availability, latency) are generated (alerts/slos.ts). */
export const group: RuleGroup = {
  name: "api-service",
  rules: [
    alert({
      alert: "HighRequestLatency",
      // The instrumentator's buckets are 0.1/0.5/1/+Inf. When p95 lands in +Inf,
      // histogram_quantile returns the top finite bound, 1: `> 1` could never fire, `>= 1` does,
      // and means "at least 5% of requests took 1 s or longer".
      expr: `histogram_quantile(${lat.quantile}, sum by (le, job) (rate(http_request_duration_seconds_bucket{${sel}}[${lat.window}]))) >= ${lat.seconds}`,
      for: lat.for,
      severity: "warning",
      component: job,
      summary: `API ${formatPercentile(lat.quantile)} latency at or above ${lat.seconds}s`,
      description: `${formatPercentile(lat.quantile)} request latency of {{ $labels.job }} is {{ $value | humanizeDuration }} (at least ${formatPercent(1 - lat.quantile)} of requests take ${lat.seconds}s or longer; ${lat.seconds}s is the top finite bucket, so the real value may be higher).`,
      runbook: [
        `Check which handlers are slow: histogram_quantile(${lat.quantile}, sum by (le, handler) (rate(http_request_duration_seconds_bucket{job="${job}"}[${lat.window}]))), and the API's logs.`,
        "For the overall latency beyond the coarse buckets, read http_request_duration_highr_seconds: fine buckets, all handlers together (it has no handler label).",
        "Check the model server's latency (ML service dashboard): a slow model slows every API call.",
        "Check for a recent deploy or traffic spike on the API gateway dashboard.",
      ],
    }),
  ],
};
