import { platform } from "../config/platform.ts";
import { processorPanels } from "./lib/benthos.ts";
import { defineDashboard } from "./lib/dashboard.ts";
import { quantile, quantiles, sumRate } from "./lib/promql.ts";
import { jobInstance as sel } from "./lib/variables.ts";

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
          description:
            "95th percentile time from receiving a request to acknowledging it. Amber above 0.5 s, red above 1 s.",
          unit: "s",
          width: 6,
          height: 4,
          thresholds: { warn: 0.5, critical: 1 },
          queries: [{ expr: quantile(0.95, "input_latency_ns", sel) }],
        },
        {
          kind: "stat",
          title: "Error ratio",
          description: "Share of received requests that a processor failed. Red above 5%.",
          unit: "percentunit",
          width: 6,
          height: 4,
          thresholds: { warn: 0.01, critical: 0.05 },
          queries: [
            { expr: `${sumRate("processor_error", sel)} / ${sumRate("input_received", sel)}` },
          ],
        },
        {
          kind: "stat",
          title: "Rate-limited (429) ratio",
          description:
            "Share of rate-limit checks that were refused, answered with 429. Amber above 10%, red above 20%.",
          unit: "percentunit",
          width: 6,
          height: 4,
          thresholds: { warn: 0.1, critical: 0.2 },
          queries: [
            {
              expr: `${sumRate("rate_limit_triggered", sel)} / ${sumRate("rate_limit_checked", sel)}`,
            },
          ],
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
          thresholds: { warn: 0.5, critical: 1 },
          queries: quantiles("input_latency_ns", sel),
        },
        {
          kind: "timeseries",
          title: "Error and rate-limit (429) ratio",
          description:
            "Share of requests failed by a processor, and share of rate-limit checks refused with 429.",
          unit: "percentunit",
          min: 0,
          thresholds: { critical: 0.05 },
          queries: [
            {
              expr: `${sumRate("processor_error", sel)} / ${sumRate("input_received", sel)}`,
              legend: "errors",
            },
            {
              expr: `${sumRate("rate_limit_triggered", sel)} / ${sumRate("rate_limit_checked", sel)}`,
              legend: "429 rate-limited",
            },
          ],
        },
        {
          kind: "timeseries",
          title: "Quota exceeded by tier",
          description:
            "Requests refused per second because the caller's tier used up its quota. Sustained refusals on a paid tier need a look.",
          unit: "reqps",
          stacked: true,
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
          description: "Gateway instances Prometheus can scrape, out of those it knows.",
          unit: "none",
          width: 6,
          queries: [{ expr: `sum(up{${sel}})` }],
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
  ],
});
