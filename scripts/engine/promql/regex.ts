import { RE2JS } from "re2js";
import { memoByText } from "../text/memo.ts";

/**
 * A label matcher's regex as Prometheus runs it: RE2 syntax (Go's regexp, which re2js ports:
 * POSIX classes such as [[:alpha:]], no lookaround or backreferences), anchored at both ends,
 * `.` matching newlines too (model/labels/regexp.go compiles "^(?s:" + re + ")$"). Matching is
 * linear in the input, whatever the pattern. Each is compiled once: many checks, and every copy
 * of a query, ask for the same ones.
 */
export const prometheusRegex = memoByText(
  (source): { matches(value: string): boolean } | { error: string } => {
    try {
      const re = RE2JS.compile(`^(?s:${source})$`);
      return { matches: (value) => re.test(value) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  },
  10_000,
);
