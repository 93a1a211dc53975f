import { parsePromql } from "../../promql/parse.ts";
import type { Check } from "../check.ts";
import { promQueries } from "../queries.ts";
import { syntaxFindings } from "../syntax-findings.ts";

export const syntax: Check = {
  id: "promql/syntax",
  description:
    "Every PromQL expression (panel targets, variable queries, rule expressions) parses with Prometheus' grammar, Grafana variables substituted.",
  run({ model }) {
    return syntaxFindings(this.id, "PromQL", promQueries(model), parsePromql);
  },
};
