/**
 * A word-level diff of two queries (or any expressions): tokens are numbers with their unit
 * suffix (0.05, 5m), names (metric, label and function names), quoted strings, runs of spaces
 * and single punctuation, so a changed threshold reads as `0.05` -> `0.1`, not as digits.
 */
import { diffArrays } from "diff";

const token = /\d+(?:\.\d+)?(?:e[+-]?\d+)?[a-zA-Z]*|[A-Za-z_:$][\w:]*|"(?:[^"\\]|\\.)*"|\s+|./g;

export const tokens = (text: string): string[] => text.match(token) ?? [];

export interface WordPart {
  text: string;
  /** Only before (removed), only after (added), or in both. */
  change?: "removed" | "added";
}

export function wordDiff(before: string, after: string): WordPart[] {
  const parts: WordPart[] = [];
  for (const c of diffArrays(tokens(before), tokens(after))) {
    const text = c.value.join("");
    const change = c.removed ? "removed" : c.added ? "added" : undefined;
    const last = parts[parts.length - 1];
    if (last && last.change === change) last.text += text;
    else parts.push(change ? { text, change } : { text });
  }
  return parts;
}

/** The tokens only one side has: what a threshold change is recognised by. */
export function changedTokens(
  before: string,
  after: string,
): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const c of diffArrays(tokens(before), tokens(after))) {
    if (c.removed) removed.push(...c.value.filter((t) => t.trim()));
    if (c.added) added.push(...c.value.filter((t) => t.trim()));
  }
  return { removed, added };
}
