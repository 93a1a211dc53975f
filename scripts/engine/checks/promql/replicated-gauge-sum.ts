import { instanceLabels } from "../../model/catalogue.ts";
import { keepsAny } from "../../promql/labels.ts";
import { vectorSelectors } from "../../promql/selectors.ts";
import { defineCheck, type Problem } from "../check.ts";
import { queryFacts } from "../scope.ts";

/** Aggregations that add copies up (max, min, group, topk, bottomk keep one: deduplication). */
const adding = new Set(["sum", "avg"]);

/**
 * Redpanda Connect's consumer-group lag is reported by every replica for every partition of
 * the group: summed over instances it is multiplied by the number of replicas (three replicas
 * with 400 waiting read 1200). The catalogue marks such gauges `scope: group`.
 */
export const promqlReplicatedGaugeSum = defineCheck({
  id: "promql/replicated-gauge-sum",
  description:
    "A gauge every replica reports for its whole group (catalogue `scope: group`, like redpanda_lag) summed or averaged across instances without first taking max (or min) per group: it is counted once per replica.",
  severity: "error",
  scope: "promql",
  check({ query, parsed }, ctx) {
    const facts = queryFacts(ctx, query, parsed);
    const problems: Problem[] = [];
    for (const s of vectorSelectors(parsed)) {
      const known = facts.lookup(s);
      if (known?.kind !== "catalogue" || known.series.metric.scope !== "group") continue;
      const metric = known.series.metric;
      // Innermost first: the first aggregation that drops the instance decides.
      const decisive = s.enclosing.find(
        (e) => e.kind === "aggregation" && !keepsAny(parsed, e.node, instanceLabels),
      );
      if (!decisive || !adding.has(decisive.name)) continue;
      problems.push({
        offset: parsed.toOriginal(decisive.node.from),
        message: `${decisive.name} over instances of "${metric.name}", which every replica reports alike for its whole group (catalogue: scope group): the result counts it once per replica. Deduplicate first, then ${decisive.name}: ${decisive.name}(max by (${["job", ...metric.labels].join(", ")}) (${metric.name}{...})).`,
      });
    }
    return problems;
  },
});
