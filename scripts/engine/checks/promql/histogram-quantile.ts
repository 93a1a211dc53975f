import { outputLabels } from "../../promql/labels.ts";
import { sourceOf } from "../../promql/parse.ts";
import { describeNode, vectorSelectors } from "../../promql/selectors.ts";
import { child, exprChildren } from "../../promql/tree.ts";
import { defineCheck, type Problem } from "../check.ts";
import { queryFacts } from "../scope.ts";

export const promqlHistogramQuantile = defineCheck({
  id: "promql/histogram-quantile",
  description:
    "histogram_quantile() reads classic histogram _bucket series through rate(), with `le` kept through every aggregation.",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, ctx) {
    const facts = queryFacts(ctx, query, parsed);
    const problems: Problem[] = [];
    parsed.tree.iterate({
      enter(ref) {
        const node = ref.node;
        if (describeNode(parsed, node)?.name !== "histogram_quantile") return;
        const body = child(node, "FunctionCallBody");
        const arg = body ? exprChildren(body)[1] : undefined;
        if (!arg) return;
        const offset = parsed.toOriginal(arg.from);
        const labels = outputLabels(parsed, arg, facts.labels);
        if (labels && !labels.has("le")) {
          problems.push({
            offset,
            message: `histogram_quantile() needs the "le" label, but "${sourceOf(parsed, arg)}" drops it: aggregate with by (le, ...) or without (...) leaving le.`,
          });
        }
        const selectors = vectorSelectors(parsed).filter(
          (s) => s.node.from >= arg.from && s.node.to <= arg.to && s.metric !== undefined,
        );
        for (const s of selectors) {
          // A name only tells the type from a catalogue here: a native histogram has no suffix.
          const typed = facts.type(s);
          if (typed && !typed.inferredFrom && typed.type !== "bucket") {
            problems.push({
              offset: s.offset,
              message: `histogram_quantile() over "${s.metric}", which is not a histogram's _bucket series: use the histogram's ${s.metric!.replace(/_(sum|count)$/, "")}_bucket.`,
            });
          }
        }
      },
    });
    return problems;
  },
});
