import { parseLogql } from "../../logql/parse.ts";
import type { Check } from "../check.ts";
import { logQueries } from "../queries.ts";
import { syntaxFindings } from "../syntax-findings.ts";

export const syntax: Check = {
  id: "logql/syntax",
  description: "Every Loki target parses as LogQL, Grafana variables substituted.",
  run({ model }) {
    return syntaxFindings(this.id, "LogQL", logQueries(model), parseLogql);
  },
};
