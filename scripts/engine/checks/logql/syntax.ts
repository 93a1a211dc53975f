import { defineCheck } from "../check.ts";
import { syntaxProblems } from "../syntax-problems.ts";

export const logqlSyntax = defineCheck({
  id: "logql/syntax",
  description:
    "Every Loki target and Loki rule expression (alerts/loki/) parses as LogQL, Grafana variables substituted.",
  severity: "error",
  scope: "logql",
  check: syntaxProblems("LogQL"),
});
