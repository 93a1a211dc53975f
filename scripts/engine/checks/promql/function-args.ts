import { describeNode } from "../../promql/selectors.ts";
import { functions } from "../../promql/functions.ts";
import { callArgs, valueType, type ValueType } from "../../promql/types.ts";
import { defineCheck, type Problem } from "../check.ts";

const article: Record<ValueType, string> = {
  range: "a range vector (e.g. x[$__rate_interval])",
  instant: "an instant vector",
  scalar: "a number",
  string: "a string",
};

export const promqlFunctionArgs = defineCheck({
  id: "promql/function-args",
  description:
    "Functions get the number and types of arguments Prometheus accepts (rate() a range vector, histogram_quantile() a number and a vector, ...).",
  severity: "error",
  scope: "promql",
  check({ parsed }) {
    const problems: Problem[] = [];
    parsed.tree.iterate({
      enter(ref) {
        const fn = describeNode(parsed, ref.node);
        if (fn?.kind !== "function") return;
        const spec = functions[fn.name];
        if (!spec) return;
        const args = callArgs(ref.node);
        const fixed = spec.args;
        // Prometheus' rule: variadic n > 0 makes the last argument optional with up to n more,
        // -1 any number more.
        const variadic = spec.variadic ?? 0;
        const min = fixed.length - (variadic !== 0 ? 1 : 0);
        const max = variadic < 0 ? Infinity : fixed.length - (variadic !== 0 ? 1 : 0) + variadic;
        const offset = parsed.toOriginal(ref.node.from);
        if (args.length < min || args.length > max) {
          problems.push({
            offset,
            message: `${fn.name}() takes ${min === max ? min : `${min} to ${max === Infinity ? "any number of" : max}`} argument(s), got ${args.length}.`,
          });
          return;
        }
        args.forEach((arg, i) => {
          const want = fixed[Math.min(i, fixed.length - 1)]!;
          const got = valueType(parsed, arg);
          if (got === undefined || got === want) return;
          problems.push({
            offset: parsed.toOriginal(arg.from),
            message: `${fn.name}() argument ${i + 1} must be ${article[want]}, not ${article[got]}.`,
          });
        });
      },
    });
    return problems;
  },
});
