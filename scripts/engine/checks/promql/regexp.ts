import { vectorSelectors } from "../../promql/selectors.ts";
import type { Check } from "../check.ts";
import { queryFindings, type Problem } from "../promql-findings.ts";

const metacharacters = /[.*+?()[\]{}|\\^$]/;

/** Regex matchers that are slower than needed or do not mean what they seem to. */
export const regexp: Check = {
  id: "promql/regexp",
  description:
    'Regex matchers need a regex: `=~"foo"` is `="foo"` (cheaper), and `^`/`$` anchors are redundant (Prometheus anchors every regex).',
  run({ model }) {
    return queryFindings(model, this.id, "warning", (_q, parsed) =>
      vectorSelectors(parsed).flatMap((s) =>
        s.matchers.flatMap((m): Problem[] => {
          if (m.op !== "=~" && m.op !== "!~") return [];
          // A Grafana variable may expand to a regex.
          if (m.templated) return [];
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
      ),
    );
  },
};
