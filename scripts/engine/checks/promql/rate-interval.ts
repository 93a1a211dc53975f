import type { Check } from "../check.ts";
import { queryFindings } from "../promql-findings.ts";
import { dashboardPromQueries } from "../queries.ts";
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
export const rateInterval: Check = {
  id: "promql/rate-interval",
  description:
    "Dashboard rate/irate/increase windows are $__rate_interval (or $__range for an increase() over the whole time range).",
  run({ model }) {
    const queries = model.dashboards.flatMap(dashboardPromQueries);
    return queryFindings(
      model,
      this.id,
      "error",
      (q, parsed) => {
        const problems: { offset: number; message: string }[] = [];
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
            const ok = variableRefs(q.expr).some(
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
      queries,
    );
  },
};
