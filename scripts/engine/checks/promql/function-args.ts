import { describeNode } from "../../promql/selectors.ts";
import { callArgs, functionArgs, valueType, type ValueType } from "../../promql/types.ts";
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
        const spec = functionArgs[fn.name];
        if (!spec) return;
        const args = callArgs(ref.node);
        const fixed = spec.args.filter((a) => a !== "?" && a !== "...") as ValueType[];
        const optional = spec.args.includes("?");
        const variadic = spec.args.includes("...");
        // `?` makes the last argument optional; `...` repeats it zero or more times.
        const min = fixed.length - (optional || variadic ? 1 : 0);
        const max = variadic ? Infinity : fixed.length;
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
