import type { SyntaxNode } from "@lezer/common";
import { sourceOf, textOf, type ParsedQuery } from "../promql/parse.ts";
import type { MatchOp, Matcher } from "../promql/selectors.ts";
import { child, children, unquote } from "../promql/tree.ts";
import { variableRefs } from "../promql/variables.ts";

const ops: Record<string, MatchOp> = { Eq: "=", Neq: "!=", Re: "=~", Nre: "!~" };

function matcherOf(q: ParsedQuery, m: SyntaxNode): Matcher | undefined {
  const name = child(m, "Identifier");
  const op = children(m).find((c) => ops[c.name] !== undefined);
  const value = child(m, "String");
  if (!name || !op || !value) return undefined;
  return {
    label: textOf(q, name),
    op: ops[op.name]!,
    value: unquote(textOf(q, value)),
    raw: unquote(sourceOf(q, value)),
    offset: q.toOriginal(name.from),
    templated: variableRefs(sourceOf(q, value)).length > 0,
  };
}

/**
 * The matchers of every stream selector (`{app="x", level=~"error"}`) of a LogQL query: what
 * picks streams by their labels. Label filters after a parser (`| json | level="error"`) are
 * not among them: they read what the query extracts, not what the shipper indexed.
 */
export function streamMatchers(q: ParsedQuery): Matcher[] {
  const out: Matcher[] = [];
  q.tree.iterate({
    enter(ref) {
      if (ref.name !== "Selector") return;
      const list = child(ref.node, "Matchers");
      const nodes: SyntaxNode[] = [];
      // Matchers nest as a left-recursive list: Matchers(Matchers(Matcher), Matcher).
      for (let l = list; l; l = child(l, "Matchers")) nodes.push(...children(l));
      for (const m of nodes.filter((n) => n.name === "Matcher")) {
        const matcher = matcherOf(q, m);
        if (matcher) out.push(matcher);
      }
      return false;
    },
  });
  return out.sort((a, b) => a.offset - b.offset);
}
