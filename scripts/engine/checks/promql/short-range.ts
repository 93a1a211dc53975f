import { parseDuration } from "../../model/duration.ts";
import { textOf } from "../../promql/parse.ts";
import { rangeCalls } from "../../promql/selectors.ts";
import { defineCheck, type Problem } from "../check.ts";

/** Functions that need two samples or more in their range, and miss a scrape badly. */
const sampling = new Set([
  "rate",
  "irate",
  "increase",
  "delta",
  "idelta",
  "deriv",
  "resets",
  "changes",
  "predict_linear",
]);

/** Samples a range must hold for one missed scrape not to empty it (Grafana's and pint's rule). */
const intervals = 4;

/**
 * A rule's rate over [1m] at a 30s scrape interval sees two samples at best: one missed scrape,
 * or a restart, and the alert has nothing to evaluate (or jumps). Dashboards have
 * $__rate_interval for this; rules need a range of at least four scrape intervals.
 */
export const promqlShortRange = defineCheck({
  id: "promql/short-range",
  description:
    "Rule ranges of rate(), increase() and the other sampling functions are at least four scrape intervals (config: prometheus.scrapeInterval; not judged when unknown), so one missed scrape cannot empty them.",
  severity: "error",
  profiles: { community: "warning" },
  scope: "promql",
  check({ query, parsed }, { settings }) {
    if (!query.rule) return [];
    const scrape = settings.scrapeInterval && parseDuration(settings.scrapeInterval);
    if (!scrape) return [];
    return rangeCalls(parsed, sampling).flatMap(({ name, matrix }): Problem[] => {
      const range = matrix.lastChild;
      const text = range ? textOf(parsed, range) : "";
      const seconds = parseDuration(text);
      if (seconds === undefined || seconds >= intervals * scrape) return [];
      return [
        {
          offset: parsed.toOriginal(range!.from),
          message: `${name}() over [${text}] sees ${Math.floor(seconds / scrape) || "under 1"} scrape interval(s) of ${settings.scrapeInterval}: one missed scrape leaves it too few samples. Use at least [${formatSeconds(intervals * scrape)}] (four scrape intervals).`,
        },
      ];
    });
  },
});

const formatSeconds = (s: number): string =>
  s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`;
