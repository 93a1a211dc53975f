import type { SyntaxNode } from "@lezer/common";
import { outputLabels, type LabelSet } from "../../promql/labels.ts";
import { sourceOf, textOf, type ParsedQuery } from "../../promql/parse.ts";
import { vectorSelectors } from "../../promql/selectors.ts";
import { child, children, exprChildren, unquote } from "../../promql/tree.ts";
import { didYouMean } from "../../text/suggest.ts";
import { defineCheck, type Problem } from "../check.ts";
import { queryFacts, type QueryFacts } from "../scope.ts";

const describe = (labels: ReadonlySet<string>) => [...labels].sort().join(", ") || "none";

function unknown(
  label: string,
  labels: ReadonlySet<string>,
  what: string,
  offset: number,
): Problem {
  return {
    offset,
    message: `Label "${label}" does not exist on ${what} (it has: ${describe(labels)}).${didYouMean(label, labels)}`,
  };
}

/** Matchers must name labels the selected series have. */
function matcherProblems(parsed: ParsedQuery, facts: QueryFacts): Problem[] {
  return vectorSelectors(parsed).flatMap((s) => {
    const labels = s.metric === undefined ? undefined : facts.labels(s.metric, s.node);
    if (!labels) return [];
    return (
      s.matchers
        .filter((m) => m.label !== "__name__" && !labels.has(m.label))
        // A matcher that only accepts the empty string asserts the label is absent: legal.
        .filter((m) => !(m.op === "=" && m.value === ""))
        .map((m) => unknown(m.label, labels, `"${s.metric}"`, m.offset))
    );
  });
}

/** by/without/on/ignoring labels must exist on what they group. */
function groupingProblems(parsed: ParsedQuery, facts: QueryFacts): Problem[] {
  const problems: Problem[] = [];
  const check = (listNode: SyntaxNode | undefined, labels: LabelSet, what: string) => {
    if (!listNode || !labels) return;
    for (const l of children(listNode)) {
      // `by ($group)`, `by ([[group]])`: a Grafana variable names the label.
      if (/[$[]/.test(sourceOf(parsed, l))) continue;
      const name = l.name === "QuotedLabelName" ? unquote(textOf(parsed, l)) : textOf(parsed, l);
      if (!labels.has(name)) problems.push(unknown(name, labels, what, parsed.toOriginal(l.from)));
    }
  };
  parsed.tree.iterate({
    enter(ref) {
      const node = ref.node;
      if (node.name === "AggregateExpr") {
        const body = child(node, "FunctionCallBody");
        const args = body ? exprChildren(body) : [];
        const input = args[args.length - 1];
        const modifier = child(node, "AggregateModifier");
        if (input && modifier) {
          check(
            child(modifier, "GroupingLabels"),
            outputLabels(parsed, input, facts.labels),
            "the aggregated series",
          );
        }
      } else if (node.name === "BinaryExpr") {
        const clause = child(node, "MatchingModifierClause");
        const [lhs, rhs] = exprChildren(node);
        const matching = clause && children(clause).filter((c) => c.name === "GroupingLabels")[0];
        if (clause && lhs && rhs && matching) {
          const l = outputLabels(parsed, lhs, facts.labels);
          const r = outputLabels(parsed, rhs, facts.labels);
          // Matching labels must exist on at least one side to match anything.
          const either = l && r ? new Set([...l, ...r]) : undefined;
          check(matching, either, "either side of the operation");
        }
      }
    },
  });
  return problems;
}

export const promqlUnknownLabel = defineCheck({
  id: "promql/unknown-label",
  description:
    "Every label in a matcher, by/without, on/ignoring or label_values() exists on the metric (target labels job, instance, namespace and pod always do).",
  severity: "error",
  scope: "promql",
  check({ query: q, parsed }, ctx) {
    const facts = queryFacts(ctx, q, parsed);
    const problems = [...matcherProblems(parsed, facts), ...groupingProblems(parsed, facts)];
    if (q.labelValuesOf !== undefined) {
      const top = parsed.tree.topNode.firstChild;
      const labels = top ? outputLabels(parsed, top, facts.labels) : undefined;
      if (labels && !labels.has(q.labelValuesOf)) {
        problems.push({
          message: `label_values() asks for "${q.labelValuesOf}", which the selected series do not have (they have: ${describe(labels)}).${didYouMean(q.labelValuesOf, labels)}`,
        });
      }
    }
    return problems;
  },
});
