import { prometheusRegex } from "../../promql/regex.ts";
import { vectorSelectors } from "../../promql/selectors.ts";
import { defineCheck, type Problem } from "../check.ts";

const metacharacters = /[.*+?()[\]{}|\\^$]/;

/** Regex matchers that are slower than needed or do not mean what they seem to. */
export const promqlRegexp = defineCheck({
  id: "promql/regexp",
  description:
    'Regex matchers hold a regex RE2 (Prometheus\' engine) compiles, and need one: `=~"foo"` is `="foo"` (cheaper), and `^`/`$` anchors are redundant (Prometheus anchors every regex).',
  severity: "warning",
  scope: "promql",
  check({ parsed }) {
    return vectorSelectors(parsed).flatMap((s) =>
      s.matchers.flatMap((m): Problem[] => {
        if (m.op !== "=~" && m.op !== "!~") return [];
        // A Grafana variable may expand to a regex.
        if (m.templated) return [];
        const compiled = prometheusRegex(m.value);
        if ("error" in compiled) {
          return [
            {
              offset: m.offset,
              severity: "error",
              message: `${m.label}${m.op}"${m.value}" is not a regex Prometheus accepts (RE2 syntax: no lookaround or backreferences): ${compiled.error}. Prometheus refuses the whole query.`,
            },
          ];
        }
        const plain = m.op === "=~" ? "=" : "!=";
        if (!metacharacters.test(m.value)) {
          return [
            {
              offset: m.offset,
              message: `${m.label}${m.op}"${m.value}" has no regex in it: use ${m.label}${plain}"${m.value}".`,
            },
          ];
        }
        const anchored = m.value.startsWith("^") || /(^|[^\\])\$$/.test(m.value);
        if (anchored) {
          return [
            {
              offset: m.offset,
              message: `${m.label}${m.op}"${m.value}": Prometheus anchors regexes already; drop the ^ and $.`,
            },
          ];
        }
        return [];
      }),
    );
  },
});
