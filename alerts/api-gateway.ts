import { formatDuration, formatPercent, type RuleGroup } from "../scripts/authoring/index.ts";
import { platform, selectors, thresholds } from "../config/platform.ts";
import { alert } from "./lib/alert.ts";

const { job } = platform.components.apiGateway;
const sel = `job="${job}"`;
const rate = (series: string, window: string, by = "job") =>
  `sum by (${by}) (rate(${series}[${window}]))`;

const quota = thresholds.quotaExceeded;
const errors = thresholds.gatewayErrorRatio;
const limited = thresholds.gatewayRateLimited;
const received = rate(`input_received{${sel}}`, errors.window);

export const group: RuleGroup = {
  name: "api-gateway",
  rules: [
    alert({
      alert: "QuotaExceeded",
      expr: `${rate(`quota_exceeded_total{${sel}}`, quota.window, "job, tier")} > ${quota.perSecond}`,
      for: quota.for,
      severity: "info",
      component: job,
      summary: "Callers in tier {{ $labels.tier }} are hitting their quota",
      description: `The gateway has refused {{ $value | humanize }} requests/s from tier {{ $labels.tier }} for ${formatDuration(quota.for)} because their quota is used up. A business signal, not an outage.`,
      runbook: [
        "See which tier on the API gateway dashboard (Quota exceeded by tier).",
        "For a paid tier, tell the account owner; per-user detail is in the gateway logs, not in metrics.",
      ],
    }),
    alert({
      alert: "GatewayHighErrorRatio",
      // `and`: the ratio only counts with enough traffic (1 failure in 3 requests is no outage).
      expr: `${rate(`processor_error{${sel}, ${selectors.gatewayFailures}}`, errors.window)} / ${received} > ${errors.ratio} and ${received} > ${errors.minRequestsPerSecond}`,
      for: errors.for,
      severity: "critical",
      component: job,
      summary: `API gateway fails more than ${formatPercent(errors.ratio)} of requests`,
      description: `{{ $labels.job }} processors fail {{ $value | humanizePercentage }} of received requests (quota refusals not counted; only above ${errors.minRequestsPerSecond} requests/s).`,
      runbook: [
        "Find the failing processor: Processor errors by path on the API gateway dashboard.",
        "Read the gateway's error logs (Logs row) for the failing path.",
        "Check the downstream the output writes to: Downstream connection failures.",
      ],
    }),
    alert({
      alert: "GatewayRateLimitSaturated",
      expr: `${rate(`rate_limit_triggered{${sel}}`, limited.window)} / ${rate(`rate_limit_checked{${sel}}`, limited.window)} > ${limited.ratio}`,
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
