import type { Finding, Where } from "../findings.ts";
import { excerpt, position } from "../text/excerpt.ts";
import type { ParsedQuery } from "../promql/parse.ts";

/** Syntax errors of queries, each at its position in the query as written. */
export function syntaxFindings(
  rule: string,
  language: string,
  queries: { expr: string; where: Where }[],
  parse: (source: string) => ParsedQuery,
): Finding[] {
  return queries.flatMap((q) =>
    parse(q.expr).errors.map((e) => ({
      rule,
      severity: "error" as const,
      where: q.where,
      message: `${language} syntax error at ${position(q.expr, e.offset)}: ${e.message}\n${excerpt(q.expr, e.offset)}`,
    })),
  );
}
