/**
 * Grafana template variables and macros inside a query: `$var`, `${var}`, `${var:format}`,
 * `[[var]]`, and the `$__interval`-style macros. Queries are parsed (and run against a real
 * Prometheus in tests) only after these are substituted; offsets map errors back.
 */
export interface VariableRef {
  name: string;
  /** The `:format` of `${var:format}` or `[[var:format]]`, if any. */
  format?: string;
  start: number;
  end: number;
  /** Where it stands: inside a quoted string, inside `[...]` (a duration), in a `by (...)`-style label list, or elsewhere. */
  context: "string" | "range" | "labels" | "expr";
  /** In a string that is the value of a `=~` or `!~` matcher: Grafana regex-escapes it there. */
  inRegex: boolean;
}

const pattern =
  /\$\{([A-Za-z0-9_]+)(?::([^}]*))?\}|\[\[([A-Za-z0-9_]+)(?::([^\]]*))?\]\]|\$([A-Za-z0-9_]+)/g;

const labelListKeywords = /\b(by|without|on|ignoring|group_left|group_right)\s*\($/;

/** Every variable reference in `text`, in order, with the syntactic context it appears in. */
export function variableRefs(text: string): VariableRef[] {
  const refs: VariableRef[] = [];
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    const { context, inRegex } = contextAt(text, start);
    refs.push({
      name: (m[1] ?? m[3] ?? m[5])!,
      format: m[2] ?? m[4],
      start,
      end: start + m[0].length,
      context,
      inRegex,
    });
  }
  return refs;
}

/** Whether offset `at` lies in a string (a regex matcher's?), a range, a label list or elsewhere. */
function contextAt(text: string, at: number): Pick<VariableRef, "context" | "inRegex"> {
  let quote: { ch: string; pos: number } | null = null;
  const stack: { ch: string; pos: number }[] = [];
  for (let i = 0; i < at; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote.ch) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = { ch: c, pos: i };
    else if (c === "(" || c === "[" || c === "{") stack.push({ ch: c, pos: i });
    else if (c === ")" || c === "]" || c === "}") stack.pop();
  }
  if (quote) return { context: "string", inRegex: /[=!]~\s*$/.test(text.slice(0, quote.pos)) };
  const open = stack[stack.length - 1];
  if (open?.ch === "[") return { context: "range", inRegex: false };
  if (open?.ch === "(" && labelListKeywords.test(text.slice(0, open.pos + 1))) {
    return { context: "labels", inRegex: false };
  }
  return { context: "expr", inRegex: false };
}

export interface Substitution {
  text: string;
  /** Maps an offset in the substituted text back to the original text. */
  toOriginal(offset: number): number;
}

/** Replace every variable reference with `replace(ref)`, keeping a map back to the original. */
export function substitute(text: string, replace: (ref: VariableRef) => string): Substitution {
  const refs = variableRefs(text);
  let out = "";
  let last = 0;
  // [substituted offset, original offset] at the start of each replaced span and after it.
  const marks: [number, number, number][] = [];
  for (const ref of refs) {
    out += text.slice(last, ref.start);
    const value = replace(ref);
    marks.push([out.length, ref.start, value.length]);
    out += value;
    last = ref.end;
  }
  out += text.slice(last);
  return {
    text: out,
    toOriginal(offset) {
      let delta = 0;
      for (const [at, orig, len] of marks) {
        if (offset < at) break;
        if (offset < at + len) return orig;
        delta = orig + (refs.find((r) => r.start === orig)!.end - orig) - (at + len);
      }
      return offset + delta;
    },
  };
}

/** Grafana's built-in interval macros; all are durations except the `_ms`/`_s` forms. */
export const intervalMacros = new Set([
  "__interval",
  "__rate_interval",
  "__range",
  "__auto",
  "__auto_interval",
]);
export const numericMacros = new Set([
  "__interval_ms",
  "__range_ms",
  "__range_s",
  "__rate_interval_ms",
]);

/**
 * A type-correct stand-in for a reference, for parsing: a duration in a range or for an interval
 * macro, a label name in a label list, plain text in a string, a number elsewhere.
 */
export function placeholder(ref: VariableRef): string {
  if (intervalMacros.has(ref.name) || ref.context === "range") return "5m";
  if (numericMacros.has(ref.name)) return "300";
  if (ref.context === "labels") return ref.name.replace(/^_+/, "") || "label";
  if (ref.context === "string") return ref.name;
  return "1";
}
