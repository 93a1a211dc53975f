import { position } from "../../text/excerpt.ts";
import { defineCheck } from "../check.ts";

export const logqlSyntax = defineCheck({
  id: "logql/syntax",
  description: "Every Loki target parses as LogQL, Grafana variables substituted.",
  severity: "error",
  scope: "logql",
  check({ query, parsed }) {
    return parsed.errors.map((e) => ({
      offset: e.offset,
      message: `LogQL syntax error at ${position(query.expr, e.offset)}: ${e.message}`,
    }));
  },
});
