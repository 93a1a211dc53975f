import { defineCheck, type Problem } from "../check.ts";
import { counterFunctions } from "../series-type.ts";
import { describeNode } from "../../promql/selectors.ts";
import { child, exprChildren } from "../../promql/tree.ts";
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
  scope: "promql",
  check({ query, parsed }) {
    // Rules run with a fixed window; only dashboards have $__rate_interval.
    if (query.rule) return [];
    const problems: Problem[] = [];
    parsed.tree.iterate({
      enter(ref) {
        const fn = describeNode(parsed, ref.node);
        if (fn?.kind !== "function" || !counterFunctions.has(fn.name)) return;
        const body = child(ref.node, "FunctionCallBody");
        const matrix = body && exprChildren(body)[0];
        if (matrix?.name !== "MatrixSelector") return;
        const from = parsed.toOriginal(matrix.from);
        const to = parsed.toOriginal(matrix.to - 1) + 1;
        // increase() over $__range is the total of the dashboard's time range: legal too.
        const allowed = fn.name === "increase" ? totalWindows : rateWindows;
        const ok = variableRefs(query.expr).some(
          (r) => allowed.has(r.name) && r.start >= from && r.end <= to,
        );
        if (!ok) {
          problems.push({
            offset: from,
            message: `${fn.name}() has a fixed window: use [$__rate_interval] so the window follows the scrape interval and the zoom.`,
          });
        }
      },
    });
    return problems;
  },
});
