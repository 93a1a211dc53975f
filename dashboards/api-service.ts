import {
  durationSeconds,
  errorBudget,
  formatDuration,
  formatPercentile,
  sloAlertName,
  sloSeries,
  type Duration,
} from "../scripts/authoring/index.ts";
import { platform, selectors, thresholds } from "../config/platform.ts";
import { defineDashboard } from "./lib/dashboard.ts";
import type { PanelSpec } from "./lib/panels.ts";
import { processPanels } from "./lib/process.ts";
import { quantile, quantiles, sumRate } from "./lib/promql.ts";
import { alertLine, percent, seconds, thresholdText } from "./lib/thresholds.ts";
import { burnRate, sloNamed, sloSelector, tierLines, tiersText } from "./lib/slo.ts";
import { jobInstance as sel } from "./lib/variables.ts";

/** Requests the SLO counts: health checks and scrapes left out, as the API's alerts do. */
const traffic = `${sel}, ${selectors.apiTraffic}`;

const requests = (by: string[] = [], matcher?: string) =>
  sumRate("http_requests_total", matcher ? `${traffic}, ${matcher}` : traffic, by);
/**
 * The 5xx share of requests. The instrumentator creates a 5xx series on the first 5xx only:
 * `or ... * 0` reads "no 5xx yet" as 0% instead of leaving the panel empty.
 */
const ratio5xx = (by: string[] = []) =>
  `(${requests(by, 'status="5xx"')} or ${requests(by)} * 0) / ${requests(by)}`;

const lat = thresholds.apiLatency;
const p = formatPercentile(lat.quantile);
const latency = alertLine(lat.seconds);

/** The API's availability SLO (config/platform.ts); its series are recorded by alerts/slos.ts. */
const availability = sloNamed("api-availability");
const budget = errorBudget(availability);
const objective = percent(availability.objective);
const period = formatDuration(availability.period);
const thisJob = 'job="$job"';
/** The windows the tiers' long sides read, shortest first: what each tier's alert weighs. */
const longWindows = [...availability.alerting.tiers]
  .map((t) => t.long)
  .sort((a, b) => durationSeconds(a) - durationSeconds(b));
const recorded = (window: Duration) =>
  sloSelector(availability, sloSeries.errorRatio(window), thisJob);
const [fastest] = [...availability.alerting.tiers].sort((a, b) => b.factor - a.factor);
/** The 5xx ratio at which each burn-rate tier fires. */
const ratioLines = tierLines(availability, true);
const ratioText = `The lines are the error ratios the burn-rate tiers fire at (${availability.alerting.tiers.map((t) => `${t.factor} times the ${percent(budget)} budget: ${sloAlertName(availability, t)}`).join(", ")}).`;

/** Average body size per request by handler: the summaries' _sum over _count, never a quantile. */
const averageSize = (summary: string, what: string): PanelSpec => ({
  kind: "timeseries",
  title: `${what} size by handler`,
  description: `Average ${what.toLowerCase()} body size per request of each handler (${summary}_sum / _count over the rate interval). The summary's quantiles are per process and cannot be added up across instances, so the average is what is shown.`,
  unit: "bytes",
  queries: [
    {
      expr: `${sumRate(`${summary}_sum`, sel, ["handler"])} / ${sumRate(`${summary}_count`, sel, ["handler"])}`,
      legend: "{{handler}}",
    },
  ],
});

/** API service: the FastAPI HTTP API, instrumented with prometheus-fastapi-instrumentator. */
export default defineDashboard({
  slug: "api-service",
  title: "ML platform / API service",
  description:
    "The FastAPI API service: request rate, 5xx errors and the error budget of its SLO, latency, request and response sizes, and the process itself.",
  tags: ["api-service", "fastapi"],
  component: platform.components.apiService,
  rows: [
    {
      title: "Overview",
      panels: [
        {
          kind: "stat",
          title: "Request rate",
          description: "Requests per second the API answers, all handlers.",
          unit: "reqps",
          width: 6,
          height: 4,
          queries: [{ expr: sumRate("http_requests_total", sel) }],
        },
        {
          kind: "stat",
          title: "5xx ratio",
          description: `Share of requests answered with a 5xx, health checks and /metrics left out as the SLO does. ${ratioText}`,
          unit: "percentunit",
          width: 6,
          height: 4,
          thresholds: ratioLines,
          queries: [{ expr: ratio5xx() }],
        },
        {
          kind: "stat",
          title: `${p} latency`,
          description: `${p} request latency over all handlers, from the fine-bucket histogram. ${thresholdText(latency, seconds, "HighRequestLatency")} The alert reads the coarse per-handler histogram (Request latency by handler).`,
          unit: "s",
          width: 6,
          height: 4,
          thresholds: latency,
          queries: [{ expr: quantile(lat.quantile, "http_request_duration_highr_seconds", sel) }],
        },
        {
          kind: "stat",
          title: `Error budget burn rate (${fastest!.long})`,
          description: `How many times faster than its ${objective} SLO allows the API spends its error budget, over the last ${fastest!.long}: 1 spends the ${period} budget in exactly ${period}. ${tiersText(availability)}`,
          unit: "short",
          width: 6,
          height: 4,
          thresholds: tierLines(availability),
          queries: [{ expr: burnRate(availability, fastest!.long, thisJob) }],
        },
      ],
    },
    {
      title: "Requests",
      panels: [
        {
          kind: "timeseries",
          title: "Request rate by handler",
          description: "Requests per second each handler answers, health checks included.",
          unit: "reqps",
          width: 8,
          stacked: true,
          queries: [
            { expr: sumRate("http_requests_total", sel, ["handler"]), legend: "{{handler}}" },
          ],
        },
        {
          kind: "timeseries",
          title: "Request rate by status class",
          description: "Requests per second by the status class of the answer (2xx, 4xx, 5xx).",
          unit: "reqps",
          width: 8,
          stacked: true,
          queries: [
            { expr: sumRate("http_requests_total", sel, ["status"]), legend: "{{status}}" },
          ],
        },
        {
          kind: "timeseries",
          title: "5xx ratio by handler",
          description: `Share of each handler's requests answered with a 5xx (health checks and /metrics left out). ${ratioText} They fire on the ratio over all handlers.`,
          unit: "percentunit",
          width: 8,
          min: 0,
          thresholds: ratioLines,
          queries: [{ expr: ratio5xx(["handler"]), legend: "{{handler}}" }],
        },
      ],
    },
    {
      title: `Error budget (${objective} SLO over ${period})`,
      panels: [
        {
          kind: "timeseries",
          title: "Error budget burn rate",
          description: `The 5xx ratio over each tier's long window divided by the ${percent(budget)} error budget: how many times faster than the SLO allows the budget goes. ${tiersText(availability)}`,
          unit: "short",
          min: 0,
          thresholds: tierLines(availability),
          links: [{ title: "SLOs dashboard", dashboard: "slos" }],
          queries: longWindows.map((w) => ({
            expr: burnRate(availability, w, thisJob),
            legend: w,
          })),
        },
        {
          kind: "timeseries",
          title: "5xx ratio against the error budget",
          description: `The 5xx ratio over each tier's long window (recorded by the SLO's rules, alerts/slos.ts). The red line is the error budget, ${percent(budget)} of requests: above it the budget shrinks.`,
          unit: "percentunit",
          min: 0,
          thresholds: { critical: budget },
          links: [{ title: "SLOs dashboard", dashboard: "slos" }],
          queries: longWindows.map((w) => ({ expr: recorded(w), legend: w })),
        },
      ],
    },
    {
      title: "Latency",
      panels: [
        {
          kind: "timeseries",
          title: "Request latency",
          description: `p50, p95 and p99 over all handlers, from the fine-bucket histogram. ${thresholdText(latency, seconds, "HighRequestLatency")}`,
          unit: "s",
          thresholds: latency,
          queries: quantiles("http_request_duration_highr_seconds", sel),
        },
        {
          kind: "timeseries",
          title: "Request latency by handler",
          description: `p50, p95 and p99 of each handler. Coarse: this histogram only has buckets at 0.1, 0.5 and 1 s, so values in between are interpolated and anything slower than 1 s shows as 1 s. HighRequestLatency reads this histogram (over all handlers but the health checks). ${thresholdText(latency, seconds)}`,
          unit: "s",
          thresholds: latency,
          queries: quantiles("http_request_duration_seconds", sel, ["handler"]),
        },
      ],
    },
    {
      title: "Sizes",
      panels: [
        averageSize("http_request_size_bytes", "Request"),
        averageSize("http_response_size_bytes", "Response"),
      ],
    },
    { title: "Process", panels: processPanels(sel, "API") },
  ],
});
