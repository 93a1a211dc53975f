import { platform, thresholds } from "../config/platform.ts";
import type { RuleGroup } from "../scripts/rules/model.ts";
import { alert } from "./lib/alert.ts";

const { job } = platform.components.apiGateway;
const sel = `job="${job}"`;
const rate = (metric: string, by = "job") => `sum by (${by}) (rate(${metric}{${sel}}[5m]))`;

export const group: RuleGroup = {
  name: "api-gateway",
  rules: [
    alert({
      alert: "QuotaExceeded",
      expr: `${rate("quota_exceeded_total", "job, tier")} > ${thresholds.quotaExceeded.perSecond}`,
      for: thresholds.quotaExceeded.for,
      severity: "info",
      component: job,
      summary: "Callers in tier {{ $labels.tier }} are hitting their quota",
      description:
        "The gateway has refused {{ $value | humanize }} requests/s from tier {{ $labels.tier }} for 5 minutes because their quota is used up. A business signal, not an outage.",
      runbook: [
        "See which tier on the API gateway dashboard (Quota exceeded by tier).",
        "For a paid tier, tell the account owner; per-user detail is in the gateway logs, not in metrics.",
      ],
    }),
    alert({
      alert: "GatewayHighErrorRatio",
      expr: `${rate("processor_error")} / ${rate("input_received")} > ${thresholds.gatewayErrorRatio.ratio}`,
      for: thresholds.gatewayErrorRatio.for,
      severity: "critical",
      component: job,
      summary: "API gateway fails more than 5% of requests",
      description:
        "{{ $labels.job }} processors fail {{ $value | humanizePercentage }} of received requests.",
      runbook: [
        "Find the failing processor: Processor errors by path on the API gateway dashboard.",
        "Read the gateway's error logs (Logs row) for the failing path.",
        "Check the downstream the output writes to: Downstream connection failures.",
      ],
    }),
    alert({
      alert: "GatewayRateLimitSaturated",
      expr: `${rate("rate_limit_triggered")} / ${rate("rate_limit_checked")} > ${thresholds.gatewayRateLimited.ratio}`,
      for: thresholds.gatewayRateLimited.for,
      severity: "warning",
      component: job,
      summary: "API gateway answers 429 to more than 20% of requests",
      description:
        "{{ $labels.job }} refuses {{ $value | humanizePercentage }} of rate-limit checks (HTTP 429).",
      runbook: [
        "Check whether one client or tier drives the traffic (gateway logs).",
        "Raise the rate limit if the traffic is legitimate and the backend has headroom.",
      ],
    }),
  ],
};
