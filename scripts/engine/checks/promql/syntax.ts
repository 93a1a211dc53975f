import { defineCheck } from "../check.ts";
import { syntaxProblems } from "../syntax-problems.ts";

export const promqlSyntax = defineCheck({
  id: "promql/syntax",
  description:
    "Every PromQL expression (panel targets, variable queries, rule expressions) parses with Prometheus' grammar, Grafana variables substituted.",
  severity: "error",
  scope: "promql-text",
  check: syntaxProblems("PromQL"),
});
