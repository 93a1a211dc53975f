import { platform, thresholds } from "../config/platform.ts";
import type { RuleGroup } from "../scripts/rules/model.ts";
import { alert, record } from "./lib/alert.ts";

const { job } = platform.components.apiService;
const sel = `job="${job}", handler!~"/metrics|/health"`;
const lat = thresholds.apiLatency;
// Rounded: 1 - 0.999 is 0.0010000000000000009 in floating point, which would land in alerts.yml.
const budget = Number((1 - thresholds.apiErrorBudget.slo).toPrecision(6));

/** Share of API requests answered with a 5xx over a window, per job, as a recording rule. */
const errorRatio = (window: string) =>
  record(
    `job:http_requests_errors:ratio_rate${window}`,
    `sum by (job) (rate(http_requests_total{${sel}, status="5xx"}[${window}])) / sum by (job) (rate(http_requests_total{${sel}}[${window}]))`,
  );

const burn = (long: string, short: string, factor: number) =>
  `job:http_requests_errors:ratio_rate${long}{job="${job}"} > ${factor} * ${budget} and job:http_requests_errors:ratio_rate${short}{job="${job}"} > ${factor} * ${budget}`;

export const group: RuleGroup = {
  name: "api-service",
  rules: [
    errorRatio("5m"),
    errorRatio("30m"),
    errorRatio("1h"),
    errorRatio("6h"),
    alert({
      alert: "HighRequestLatency",
      // The instrumentator's buckets are 0.1/0.5/1/+Inf. When p95 lands in +Inf,
      // histogram_quantile returns the top finite bound, 1: `> 1` could never fire, `>= 1` does,
      // and means "at least 5% of requests took 1 s or longer".
      expr: `histogram_quantile(${lat.quantile}, sum by (le, job) (rate(http_request_duration_seconds_bucket{${sel}}[5m]))) >= ${lat.seconds}`,
      for: lat.for,
      severity: "warning",
      component: job,
      summary: `API p${lat.quantile * 100} latency at or above ${lat.seconds}s`,
      description: `p${lat.quantile * 100} request latency of {{ $labels.job }} is {{ $value | humanizeDuration }} (at least ${Math.round((1 - lat.quantile) * 100)}% of requests take ${lat.seconds}s or longer; ${lat.seconds}s is the top finite bucket, so the real value may be higher).`,
      runbook: [
        "Check which handlers are slow: the API's http_request_duration_highr_seconds and its logs.",
        "Check the model server's latency (ML service dashboard): a slow model slows every API call.",
        "Check for a recent deploy or traffic spike on the API gateway dashboard.",
      ],
    }),
    alert({
      alert: "ApiErrorBudgetFastBurn",
      expr: burn("1h", "5m", 14.4),
      for: "2m",
      severity: "critical",
      component: job,
      summary: "API burning its error budget fast (2% of 30 days in 1 hour)",
      description: `{{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with a 5xx over the last hour, 14.4 times the ${(budget * 100).toFixed(1)}% budget of its ${thresholds.apiErrorBudget.slo * 100}% SLO.`,
      runbook: [
        'Find the failing handlers: sum by (handler) (rate(http_requests_total{status="5xx"}[5m])).',
        "Read the API's error logs; check its dependencies (model server, worker queue).",
        "Roll back a recent deploy if the errors started with it.",
      ],
    }),
    alert({
      alert: "ApiErrorBudgetSlowBurn",
      expr: burn("6h", "30m", 6),
      for: "15m",
      severity: "warning",
      component: job,
      summary: "API burning its error budget (5% of 30 days in 6 hours)",
      description: `{{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with a 5xx over 6 hours, 6 times its error budget.`,
      runbook: [
        "Find the failing handlers and the error messages in the API's logs.",
        "Open a ticket: at this rate the month's budget is gone in 5 days.",
      ],
    }),
  ],
};
