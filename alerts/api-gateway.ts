import { formatDuration, formatPercent, type RuleGroup } from "../scripts/authoring/index.ts";
import { gatewayAvailability as availability, platform, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";
import { sliErrorRatio, sliValidRate } from "./lib/slo.ts";

const { job } = platform.components.apiGateway;
const sel = `job="${job}"`;
const rate = (series: string, window: string, by = "job") =>
  `sum by (${by}) (rate(${series}[${window}]))`;

const quota = thresholds.quotaExceeded;
const errors = thresholds.gatewayErrorRatio;
const limited = thresholds.gatewayRateLimited;

/**
 * The gateway's errors are its availability SLO's (config/platform.ts `slos`): what Benthos'
 * http_server input counts makes accepted-but-never-answered requests (408, 502, 503) and
 * failing processors other than quota refusals the failures (config/metrics/benthos.yaml).
 * Failed writes to the queue need no term of their own: a nacked request is answered 502 and
 * one the output holds while it reconnects 408 at the input's timeout, neither timed, so they
 * are counted once per request; output_error counts write attempts, retries included.
 */
const received = sliValidRate(availability, errors.window);
const failedShare = sliErrorRatio(availability, errors.window);
const most = errors.mostFailing;
const checked = rate(`rate_limit_checked{${sel}}`, limited.window);

export const group: RuleGroup = {
  name: "api-gateway",
  rules: [
    alert({
      alert: "QuotaExceeded",
      // Severity info: it shows in Alertmanager and on the dashboard, routed to no receiver, so
      // it never pages. A tier always has some refusals: only a surge above the per-tier rate fires.
      expr: `${rate(`quota_exceeded_total{${sel}}`, quota.window, "job, tier")} > ${quota.perSecond}`,
      for: quota.for,
      severity: "info",
      component: job,
      summary: "Callers in tier {{ $labels.tier }} are hitting their quota",
      description: `The gateway has refused {{ $value | humanize }} requests/s from tier {{ $labels.tier }} (more than ${quota.perSecond}/s) for ${formatDuration(quota.for)} because their quota is used up. A business signal, not an outage.`,
      runbook: [
        "See which tier on the API gateway dashboard (Quota exceeded by tier).",
        "For a paid tier, tell the account owner; per-user detail is in the gateway logs, not in metrics.",
      ],
    }),
    alert({
      alert: "GatewayHighErrorRatio",
      // `and`: the ratio only counts with enough traffic (1 failure in 3 requests is no outage);
      // most requests failing pages at a much lower floor (every write failing on a quiet night).
      expr: `(${failedShare} > ${errors.ratio} and ${received} > ${errors.minRequestsPerSecond}) or (${failedShare} >= ${most.ratio} and ${received} > ${most.minRequestsPerSecond})`,
      for: errors.for,
      severity: "critical",
      component: job,
      summary: `API gateway fails more than ${formatPercent(errors.ratio)} of requests`,
      description: `{{ $labels.job }} answers {{ $value | humanizePercentage }} of the requests it accepted with an error: timeouts, output failures (502) or failing processors (quota refusals not counted; above ${errors.minRequestsPerSecond} requests/s, or ${formatPercent(most.ratio)} failing above ${most.minRequestsPerSecond} requests/s).`,
      runbook: [
        "Error ratio and Output sent and errors on the API gateway dashboard: output failures mean the queue is unreachable.",
        "Processor errors by path for a failing processor; the gateway's error logs (Logs row).",
        "Downstream connection failures: the broker the output writes to.",
      ],
    }),
    alert({
      alert: "GatewayRateLimitSaturated",
      expr: `${rate(`rate_limit_triggered{${sel}}`, limited.window)} / ${checked} > ${limited.ratio} and ${checked} > ${limited.minChecksPerSecond}`,
      for: limited.for,
      severity: "warning",
      component: job,
      summary: `API gateway answers 429 to more than ${formatPercent(limited.ratio)} of requests`,
      description:
        "{{ $labels.job }} refuses {{ $value | humanizePercentage }} of rate-limit checks (HTTP 429).",
      runbook: [
        "Check whether one client or tier drives the traffic (gateway logs).",
        "Raise the rate limit if the traffic is legitimate and the backend has headroom.",
      ],
    }),
  ],
};
