import type { ParsedQuery } from "../promql/parse.ts";
import { position } from "../text/excerpt.ts";
import type { Problem } from "./check.ts";

/** A query's parse errors as problems, each at its position in the query as written. */
export const syntaxProblems =
  (language: string) =>
  ({ query, parsed }: { query: { expr: string }; parsed: ParsedQuery }): Problem[] =>
    parsed.errors.map((e) => ({
      offset: e.offset,
      message: `${language} syntax error at ${position(query.expr, e.offset)}: ${e.message}`,
    }));
