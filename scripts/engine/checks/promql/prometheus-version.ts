import { aggregations, functions, olderThan, type FunctionSpec } from "../../promql/functions.ts";
import { describeNode } from "../../promql/selectors.ts";
import { defineCheck, type Problem } from "../check.ts";

/** Whether a function or aggregation still needs the experimental flag on `version`. */
const experimentalOn = (
  spec: Pick<FunctionSpec, "experimental" | "stableSince">,
  version?: string,
) =>
  spec.experimental === true ||
  (spec.stableSince !== undefined && version !== undefined && olderThan(version, spec.stableSince));

/**
 * The grammar knows the newest Prometheus; the files run on some release of it. A function that
 * release does not have fails the rule file's load (or every query of the panel); an
 * experimental one needs a feature flag.
 */
export const promqlPrometheusVersion = defineCheck({
  id: "promql/prometheus-version",
  description:
    "Functions and aggregations exist in the Prometheus the files run on (config: prometheus.version), and experimental ones are named as needing --enable-feature=promql-experimental-functions.",
  severity: "error",
  scope: "promql",
  check({ parsed }, { settings }) {
    const version = settings.prometheusVersion;
    const problems: Problem[] = [];
    parsed.tree.iterate({
      enter(ref) {
        const e = describeNode(parsed, ref.node);
        if (e?.kind !== "function" && e?.kind !== "aggregation") return;
        const spec = e.kind === "function" ? functions[e.name] : aggregations[e.name];
        if (!spec) return;
        const offset = parsed.toOriginal(ref.node.from);
        const what = e.kind === "function" ? `${e.name}()` : `The ${e.name} aggregation`;
        if (version !== undefined && olderThan(version, spec.since)) {
          problems.push({
            offset,
            message: `${what} came with Prometheus ${spec.since}, but the files run on ${version}, which rejects it. Rewrite the query without it, or raise prometheus.version once every server runs ${spec.since} or later.`,
          });
        } else if (experimentalOn(spec, version)) {
          problems.push({
            offset,
            severity: "warning",
            message: `${what} is experimental: Prometheus runs it only with --enable-feature=promql-experimental-functions, and it may still change. Make sure every server that loads this has the flag.`,
          });
        }
      },
    });
    return problems;
  },
});
