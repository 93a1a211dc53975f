/**
 * `# lint-disable <rule>[, <rule>]: <reason>` comments in a rule file. A comment inside a rule,
 * or on the lines just above it, is about that rule; one inside a group (or above it) is about
 * the group; any other is about the whole file.
 */
import type { Suppression } from "../model/suppressions.ts";

export interface SuppressionComment extends Suppression {
  /** 1-based line of the comment in the text it was read from. */
  line: number;
}

const pattern = /#\s*lint-disable\s+([^:\n]*?)\s*(?::\s*(.*?))?\s*$/;

/** Every suppression comment of a text, one entry per rule it names. */
export function suppressionComments(text: string): SuppressionComment[] {
  return text.split("\n").flatMap((line, i) => {
    const m = pattern.exec(line);
    if (!m) return [];
    const rules = m[1]!.split(/[\s,]+/).filter(Boolean);
    return (rules.length > 0 ? rules : [""]).map((rule) => ({
      rule,
      reason: m[2] ?? "",
      line: i + 1,
    }));
  });
}

/** A span of lines (1-based, inclusive) a suppression comment may be about. */
export interface Span {
  from: number;
  to: number;
}

/**
 * Whether a comment at `line` is about the thing spanning `span`: inside it, or above it with
 * only comments and blank lines between.
 */
export function isAbout(lines: readonly string[], line: number, span: Span): boolean {
  if (line >= span.from && line <= span.to) return true;
  if (line > span.from) return false;
  for (let l = line + 1; l < span.from; l++) {
    const text = lines[l - 1]!.trim();
    if (text !== "" && !text.startsWith("#")) return false;
  }
  return true;
}
