import { defineCheck, type Problem } from "../check.ts";
import { counterFunctions } from "../series-type.ts";
import { rangeCalls } from "../../promql/selectors.ts";
import { variableRefs } from "../../promql/variables.ts";

const rateWindows = new Set(["__rate_interval"]);
const totalWindows = new Set(["__rate_interval", "__range"]);

/**
 * Dashboards use $__rate_interval in rate-like functions: a fixed window is too short when
 * zoomed out (gaps) or too long when zoomed in, and Grafana sizes $__rate_interval from the
 * scrape interval and the step.
 */
export const promqlRateInterval = defineCheck({
  id: "promql/rate-interval",
  description:
    "Dashboard rate/irate/increase windows are $__rate_interval (or $__range for an increase() over the whole time range).",
  severity: "error",
  profiles: { community: "off" },
  scope: "promql",
  check({ query, parsed }) {
    // Rules run with a fixed window; only dashboards have $__rate_interval.
    if (query.rule) return [];
    const calls = rangeCalls(parsed, counterFunctions);
    const refs = calls.length > 0 ? variableRefs(query.expr) : [];
    return calls.flatMap(({ name, matrix }): Problem[] => {
      const from = parsed.toOriginal(matrix.from);
      const to = parsed.toOriginal(matrix.to - 1) + 1;
      // increase() over $__range is the total of the dashboard's time range: legal too.
      const allowed = name === "increase" ? totalWindows : rateWindows;
      const ok = refs.some((r) => allowed.has(r.name) && r.start >= from && r.end <= to);
      if (ok) return [];
      return [
        {
          offset: from,
          message: `${name}() has a fixed window: use [$__rate_interval] so the window follows the scrape interval and the zoom.`,
        },
      ];
    });
  },
});
