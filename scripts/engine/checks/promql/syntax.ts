import { position } from "../../text/excerpt.ts";
import { defineCheck } from "../check.ts";

export const promqlSyntax = defineCheck({
  id: "promql/syntax",
  description:
    "Every PromQL expression (panel targets, variable queries, rule expressions) parses with Prometheus' grammar, Grafana variables substituted.",
  severity: "error",
  scope: "promql-text",
  check({ query, parsed }) {
    return parsed.errors.map((e) => ({
      offset: e.offset,
      message: `PromQL syntax error at ${position(query.expr, e.offset)}: ${e.message}`,
    }));
  },
});
