import { platform, selectors, thresholds } from "../config/platform.ts";
import { processorPanels } from "./lib/benthos.ts";
import { defineDashboard } from "./lib/dashboard.ts";
import { processPanels } from "./lib/process.ts";
import { quantile, quantiles, sumRate } from "./lib/promql.ts";
import { alertLine, percent, seconds, thresholdText } from "./lib/thresholds.ts";
import { jobInstance as sel } from "./lib/variables.ts";

/**
 * Requests answered with an error, as GatewayHighErrorRatio counts them: accepted
 * (input_received) but never acknowledged (input_latency_ns is observed on acknowledgement only:
 * 408 timeouts, 502 output failures and 503s are not), plus failing processors. The quota
 * processor's errors are requests refused for quota (Quota exceeded by tier): left out.
 */
const received = sumRate("input_received", sel);
const answered = `(${sumRate("input_latency_ns_count", sel)} or ${received} * 0)`;
const failures = `(${sumRate("processor_error", `${sel}, ${selectors.gatewayFailures}`)} or ${received} * 0)`;
const errorRatio = `(clamp_min(${received} - ${answered}, 0) + ${failures}) / ${received}`;
const rateLimitedRatio = `${sumRate("rate_limit_triggered", sel)} / ${sumRate("rate_limit_checked", sel)}`;

const { ratio: maxErrorRatio } = thresholds.gatewayErrorRatio;
const { ratio: maxRateLimitedRatio } = thresholds.gatewayRateLimited;
/** QuotaExceeded informs on a surge of one tier's refusals above this rate. */
const quotaSurge = alertLine(thresholds.quotaExceeded.perSecond);
const errors = alertLine(maxErrorRatio, 0.2);
const rateLimited = alertLine(maxRateLimitedRatio);
/** No alert watches the gateway's latency: these lines are the dashboard's own. */
const latency = { warn: 0.5, critical: 1 };

/** API gateway: the Benthos http_server pipeline that admits, rate-limits and forwards requests. */
export default defineDashboard({
  slug: "api-gateway",
  title: "ML platform / API gateway",
  description:
    "Requests entering the platform through the Benthos API gateway: rate, latency, errors, rate limiting and per-tier quota.",
  tags: ["api-gateway", "benthos"],
  component: platform.components.apiGateway,
  rows: [
    {
      title: "Overview",
      panels: [
        {
          kind: "stat",
          title: "Request rate",
          description: "Requests per second accepted by the gateway's http_server input.",
          unit: "reqps",
          width: 6,
          height: 4,
          queries: [{ expr: sumRate("input_received", sel) }],
        },
        {
          kind: "stat",
          title: "p95 latency",
          description: `95th percentile time from receiving a request to acknowledging it. ${thresholdText(latency, seconds)}`,
          unit: "s",
          width: 6,
          height: 4,
          thresholds: latency,
          queries: [{ expr: quantile(0.95, "input_latency_ns", sel) }],
        },
        {
          kind: "stat",
          title: "Error ratio",
          description: `Share of accepted requests answered with an error: timeouts, output failures, failing processors (quota refusals not counted). ${thresholdText(errors, percent, "GatewayHighErrorRatio")}`,
          unit: "percentunit",
          width: 6,
          height: 4,
          thresholds: errors,
          queries: [{ expr: errorRatio }],
        },
        {
          kind: "stat",
          title: "Rate-limited (429) ratio",
          description: `Share of rate-limit checks that were refused, answered with 429. ${thresholdText(rateLimited, percent, "GatewayRateLimitSaturated")}`,
          unit: "percentunit",
          width: 6,
          height: 4,
          thresholds: rateLimited,
          queries: [{ expr: rateLimitedRatio }],
        },
      ],
    },
    {
      title: "Requests",
      panels: [
        {
          kind: "timeseries",
          title: "Request rate by instance",
          description: "Requests per second received by each gateway instance.",
          unit: "reqps",
          stacked: true,
          queries: [{ expr: sumRate("input_received", sel, ["instance"]), legend: "{{instance}}" }],
        },
        {
          kind: "timeseries",
          title: "Request latency",
          description:
            "p50, p95 and p99 of the time from receiving a request to acknowledging it (the response).",
          unit: "s",
          thresholds: latency,
          queries: quantiles("input_latency_ns", sel),
        },
        {
          kind: "timeseries",
          title: "Error and rate-limit (429) ratio",
          description: `Share of accepted requests answered with an error (timeouts, output failures, failing processors; quota refusals not counted), and share of rate-limit checks refused with 429. The red line is the error ratio's alert threshold (GatewayHighErrorRatio, ${percent(maxErrorRatio)}); 429s alert above ${percent(maxRateLimitedRatio)}.`,
          unit: "percentunit",
          min: 0,
          thresholds: { critical: maxErrorRatio },
          queries: [
            { expr: errorRatio, legend: "errors" },
            { expr: rateLimitedRatio, legend: "429 rate-limited" },
          ],
        },
        {
          kind: "timeseries",
          title: "Requests by tier",
          description:
            "Requests received per second from each tier, counted before the quota check: the traffic beside that tier's refusals (Quota exceeded by tier).",
          unit: "reqps",
          width: 6,
          queries: [{ expr: sumRate("tier_requests_total", sel, ["tier"]), legend: "{{tier}}" }],
        },
        {
          kind: "timeseries",
          title: "Quota exceeded by tier",
          description: `Requests refused per second because the caller's tier used up its quota, per tier (a tier always has some). Sustained refusals on a paid tier need a look. ${thresholdText(quotaSurge, (v) => `${v}/s`, "QuotaExceeded")}`,
          unit: "reqps",
          width: 6,
          thresholds: quotaSurge,
          queries: [{ expr: sumRate("quota_exceeded_total", sel, ["tier"]), legend: "{{tier}}" }],
        },
      ],
    },
    {
      title: "Pipeline",
      panels: [
        ...processorPanels(sel),
        {
          kind: "timeseries",
          title: "Output latency",
          description:
            "p50, p95 and p99 of the time the output takes to forward a batch downstream.",
          unit: "s",
          queries: quantiles("output_latency_ns", sel),
        },
        {
          kind: "timeseries",
          title: "Output sent and errors",
          description:
            "Messages per second forwarded downstream, and those the output failed to send.",
          unit: "mps",
          queries: [
            { expr: sumRate("output_sent", sel), legend: "sent" },
            { expr: sumRate("output_error", sel), legend: "errors" },
          ],
        },
      ],
    },
    {
      title: "Upstream health",
      panels: [
        {
          kind: "stat",
          title: "Targets up",
          description:
            "Gateway instances Prometheus scraped successfully (up), out of those it knows (total). Red when none is up.",
          unit: "none",
          width: 6,
          thresholds: { critical: 1, below: true },
          queries: [
            { expr: `sum(up{${sel}})`, legend: "up" },
            { expr: `count(up{${sel}})`, legend: "total" },
          ],
        },
        {
          kind: "timeseries",
          title: "Scrape health by instance",
          description: "1 when Prometheus scraped the instance, 0 when the scrape failed.",
          unit: "none",
          min: 0,
          max: 1,
          width: 9,
          queries: [{ expr: `up{${sel}}`, legend: "{{instance}}" }],
        },
        {
          kind: "timeseries",
          title: "Downstream connection failures",
          description: "Times per second the output failed to connect to, or lost, its downstream.",
          unit: "ops",
          width: 9,
          queries: [
            { expr: sumRate("output_connection_failed", sel), legend: "failed" },
            { expr: sumRate("output_connection_lost", sel), legend: "lost" },
          ],
        },
      ],
    },
    { title: "Process", panels: processPanels(sel, "gateway") },
  ],
});
