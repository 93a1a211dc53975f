/**
 * Text from alert definitions (summaries, descriptions, runbook steps, expressions) as Markdown
 * that shows it literally: no raw HTML (GitHub renders `<iframe>` and friends), no emphasis,
 * links or table cells it did not mean, no fence it can close.
 */

/**
 * What starts Markdown or HTML syntax inline, each shown as itself once backslash-escaped:
 * code, emphasis (`_` only at a word's edge: GitHub ignores it inside words such as
 * model_name), links, raw HTML and entities, strikethrough, and a heading at the start.
 */
const inlineSyntax = /[\\`*[\]<&~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|^#/g;

/** Plain text on one line: whitespace (newlines too) collapsed, Markdown and HTML escaped. */
export const markdownText = (text: string): string =>
  text
    .replace(/\s+/g, " ")
    .trim()
    .replace(inlineSyntax, (c) => `\\${c}`);

/** Text in a table cell: a `|` would end the cell. */
export const markdownCell = (text: string): string => markdownText(text).replace(/\|/g, "\\|");

const longestRun = (text: string, char: string): number =>
  Math.max(0, ...[...text.matchAll(new RegExp(`${char}+`, "g"))].map((m) => m[0].length));

/** Text as inline code: delimited by more backticks than it contains (CommonMark). */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  const ticks = "`".repeat(longestRun(oneLine, "`") + 1);
  const pad = /^`|`$/.test(oneLine) ? " " : "";
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

/** A fenced code block that its content cannot close: the fence outruns every backtick run. */
export function fence(lang: string, text: string): string[] {
  const ticks = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  return [ticks + lang, text, ticks];
}
