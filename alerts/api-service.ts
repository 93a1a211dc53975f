import {
  durationSeconds,
  formatDuration,
  formatPercent,
  formatPercentile,
  tidy,
  type Duration,
  type RuleGroup,
} from "../scripts/authoring/index.ts";
import { platform, selectors, thresholds } from "../config/platform.ts";
import { alert, record } from "./lib/alert.ts";

const { job } = platform.components.apiService;
const sel = `job="${job}", ${selectors.apiTraffic}`;
const lat = thresholds.apiLatency;
const { slo, period, fastBurn, slowBurn, minRequestsPerSecond } = thresholds.apiErrorBudget;
// Tidied: 1 - 0.999 is 0.0010000000000000009 in floating point, which would land in alerts.yml.
const budget = tidy(1 - slo);

type BurnRate = typeof fastBurn | typeof slowBurn;

const ratioRecord = (window: Duration) => `job:http_requests_errors:ratio_rate${window}`;

/**
 * Share of API requests answered with a 5xx over a window, per job, as a recording rule. With
 * no 5xx at all there is no 5xx series: `or 0 * requests` makes that a 0, not a gap, so the
 * error-budget panels show a healthy API as 0% rather than "No data".
 */
const requestRate = (window: Duration) =>
  `sum by (job) (rate(http_requests_total{${sel}}[${window}]))`;

const errorRatio = (window: Duration) => {
  const requests = requestRate(window);
  const errors = `sum by (job) (rate(http_requests_total{${sel}, status="5xx"}[${window}]))`;
  return record(ratioRecord(window), `(${errors} or 0 * ${requests}) / ${requests}`);
};

/** Every window a burn-rate alert reads, shortest first. */
const ratioWindows = [...new Set([fastBurn, slowBurn].flatMap((b) => [b.long, b.short]))].sort(
  (a, b) => durationSeconds(a) - durationSeconds(b),
);

/** Both windows over the burn rate, with traffic enough that a handful of 5xx is no burn. */
const burn = ({ long, short, factor }: BurnRate) =>
  `${ratioRecord(long)}{job="${job}"} > ${factor} * ${budget} and ${ratioRecord(short)}{job="${job}"} > ${factor} * ${budget} and ${requestRate(long)} > ${minRequestsPerSecond}`;

/** The budget share a burn rate spends in its long window: "2% of 30 days in 1 hour". */
const spent = ({ long, factor }: BurnRate) =>
  `${formatPercent((factor * durationSeconds(long)) / durationSeconds(period))} of ${formatDuration(period)} in ${formatDuration(long)}`;

const burnDescription = ({ long, factor }: BurnRate) =>
  `{{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with a 5xx over ${formatDuration(long)}, ${factor} times the ${formatPercent(budget)} error budget of its ${formatPercent(slo)} SLO.`;

export const group: RuleGroup = {
  name: "api-service",
  rules: [
    ...ratioWindows.map(errorRatio),
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
    alert({
      alert: "ApiErrorBudgetFastBurn",
      expr: burn(fastBurn),
      for: fastBurn.for,
      severity: fastBurn.severity,
      component: job,
      summary: `API burning its error budget fast (${spent(fastBurn)})`,
      description: burnDescription(fastBurn),
      runbook: [
        `Find the failing handlers: sum by (handler) (rate(http_requests_total{job="${job}", status="5xx"}[${fastBurn.short}])).`,
        "Read the API's error logs; check its dependencies (model server, worker queue).",
        "Roll back a recent deploy if the errors started with it.",
      ],
    }),
    alert({
      alert: "ApiErrorBudgetSlowBurn",
      expr: burn(slowBurn),
      for: slowBurn.for,
      severity: slowBurn.severity,
      component: job,
      summary: `API burning its error budget (${spent(slowBurn)})`,
      description: burnDescription(slowBurn),
      runbook: [
        "Find the failing handlers and the error messages in the API's logs.",
        `Open a ticket: at this rate the budget of ${formatDuration(period)} is gone in ${formatDuration(durationSeconds(period) / slowBurn.factor)}.`,
      ],
    }),
  ],
};
