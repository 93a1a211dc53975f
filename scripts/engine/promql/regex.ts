import { RE2JS } from "re2js";

/**
 * A label matcher's regex as Prometheus runs it: RE2 syntax (Go's regexp, which re2js ports:
 * POSIX classes such as [[:alpha:]], no lookaround or backreferences), anchored at both ends,
 * `.` matching newlines too (model/labels/regexp.go compiles "^(?s:" + re + ")$"). Matching is
 * linear in the input, whatever the pattern.
 */
export function prometheusRegex(
  source: string,
): { matches(value: string): boolean } | { error: string } {
  let compiled = compiledRegexes.get(source);
  if (!compiled) {
    compiled = compile(source);
    compiledRegexes.set(source, compiled);
  }
  return compiled;
}

/** Each regex compiled once: many checks, and every copy of a query, ask for the same ones. */
const compiledRegexes = new Map<string, ReturnType<typeof compile>>();

function compile(source: string): { matches(value: string): boolean } | { error: string } {
  try {
    const re = RE2JS.compile(`^(?s:${source})$`);
    return { matches: (value) => re.test(value) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
