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

const labelListKeywords = new Set(["by", "without", "on", "ignoring", "group_left", "group_right"]);

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** The word that ends just before `at` (after skipping spaces back from it). */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  let start = end;
  while (start > 0 && isWordChar(text[start - 1])) start--;
  return text.slice(start, end);
}

/** Whether the text just before `at` ends in `=~` or `!~` (and spaces). */
function afterRegexOperator(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return text[i - 1] === "~" && (text[i - 2] === "=" || text[i - 2] === "!");
}

/**
 * Every variable reference in `text`, in order, with the syntactic context it appears in. One
 * pass: the quote and bracket state is carried from one reference to the next.
 */
export function variableRefs(text: string): VariableRef[] {
  const refs: VariableRef[] = [];
  let quote: { ch: string; inRegex: boolean } | null = null;
  const stack: { ch: string; labels: boolean }[] = [];
  let i = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    for (; i < start; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === "\\") i++;
        else if (c === quote.ch) quote = null;
        continue;
      }
      if (c === '"' || c === "'" || c === "`")
        quote = { ch: c, inRegex: afterRegexOperator(text, i) };
      else if (c === "(" || c === "[" || c === "{") {
        stack.push({ ch: c, labels: c === "(" && labelListKeywords.has(wordBefore(text, i)) });
      } else if (c === ")" || c === "]" || c === "}") stack.pop();
    }
    const open = stack[stack.length - 1];
    const where: Pick<VariableRef, "context" | "inRegex"> = quote
      ? { context: "string", inRegex: quote.inRegex }
      : open?.ch === "["
        ? { context: "range", inRegex: false }
        : open?.labels
          ? { context: "labels", inRegex: false }
          : { context: "expr", inRegex: false };
    refs.push({
      name: (m[1] ?? m[3] ?? m[5])!,
      format: m[2] ?? m[4],
      start,
      end: start + m[0].length,
      ...where,
    });
  }
  return refs;
}

export interface Substitution {
  text: string;
  /** Maps an offset in the substituted text back to the original text. */
  toOriginal(offset: number): number;
}

/** Replace every variable reference with `replace(ref)`, keeping a map back to the original. */
export function substitute(text: string, replace: (ref: VariableRef) => string): Substitution {
  const refs = variableRefs(text);
  const parts: string[] = [];
  let length = 0;
  let last = 0;
  // Per replaced span: where it starts in the substituted text, how long it is there, and where
  // it starts and ends in the original. Sorted by `at`.
  const marks: { at: number; len: number; orig: number; origEnd: number }[] = [];
  for (const ref of refs) {
    const before = text.slice(last, ref.start);
    const value = replace(ref);
    parts.push(before, value);
    length += before.length;
    marks.push({ at: length, len: value.length, orig: ref.start, origEnd: ref.end });
    length += value.length;
    last = ref.end;
  }
  parts.push(text.slice(last));
  return {
    text: parts.join(""),
    toOriginal(offset) {
      // The last span starting at or before `offset` (binary search).
      let lo = 0;
      let hi = marks.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (marks[mid]!.at <= offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) return offset;
      const m = marks[found]!;
      return offset < m.at + m.len ? m.orig : offset - (m.at + m.len) + m.origEnd;
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
