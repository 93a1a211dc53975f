import type { Finding, Severity } from "../findings.ts";
import type { Model } from "../model/index.ts";
import { excerpt } from "../text/excerpt.ts";
import { parsePromql, type ParsedQuery } from "../promql/parse.ts";
import type { AlertingRule } from "../model/rules.ts";
import { promQueries, type PromQuery } from "./queries.ts";

export interface Problem {
  /** Offset in the query as written; the message then shows the query with a caret. */
  offset?: number;
  message: string;
}

/**
 * Run `inspect` on every query of the model that parses (syntax errors are promql/syntax's
 * to report) and turn its problems into findings located at the query.
 */
export function queryFindings(
  model: Model,
  rule: string,
  severity: Severity,
  inspect: (query: PromQuery, parsed: ParsedQuery) => Problem[],
  queries: PromQuery[] = promQueries(model),
): Finding[] {
  return queries.flatMap((query) => {
    const parsed = parsePromql(query.expr);
    if (parsed.errors.length > 0) return [];
    return inspect(query, parsed).map((p) => ({
      rule,
      severity,
      where: query.where,
      message:
        p.offset === undefined ? p.message : `${p.message}\n${excerpt(query.expr, p.offset)}`,
    }));
  });
}

/** queryFindings (errors) over alerting rules' expressions only, with the alert at hand. */
export const alertFindings = (
  model: Model,
  rule: string,
  inspect: (alert: AlertingRule, parsed: ParsedQuery) => Problem[],
): Finding[] =>
  queryFindings(model, rule, "error", (q, parsed) =>
    q.rule?.kind === "alert" ? inspect(q.rule, parsed) : [],
  );
