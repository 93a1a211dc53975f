import { positionAt } from "./locate.ts";

/** The line of `text` around `offset`, with a caret under it: for messages about a position. */
export function excerpt(text: string, offset: number): string {
  const at = Math.max(0, Math.min(offset, text.length));
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const endNl = text.indexOf("\n", at);
  const end = endNl === -1 ? text.length : endNl;
  // Long one-line queries: show 60 characters either side.
  const from = Math.max(start, at - 60);
  const to = Math.min(end, at + 60);
  const line = `${from > start ? "…" : ""}${text.slice(from, to)}${to < end ? "…" : ""}`;
  const caret = " ".repeat(at - from + (from > start ? 1 : 0)) + "^";
  return `${line}\n${caret}`;
}

/** "column 7", or "line 2, column 7" in a multi-line text. */
export function position(text: string, offset: number): string {
  const { line, column } = positionAt(text, offset);
  return text.includes("\n") ? `line ${line}, column ${column}` : `column ${column}`;
}
