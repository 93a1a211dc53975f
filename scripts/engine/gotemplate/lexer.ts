/** Go text/template's lexing: a template split into actions, an action into tokens. */
import type { Severity } from "../findings.ts";

export interface TemplateProblem {
  /** Offset in the template text. */
  offset: number;
  severity: Severity;
  message: string;
}

export type TokenKind =
  | "string"
  | "char"
  | "number"
  | "variable"
  | "field"
  | "dot"
  | "ident"
  | "lparen"
  | "rparen"
  | "pipe"
  | "declare"
  | "assign"
  | "comma";

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const tokenPatterns: [TokenKind, RegExp][] = [
  ["string", /"(?:[^"\\\n]|\\.)*"/y],
  ["string", /`[^`]*`/y],
  ["char", /'(?:[^'\\\n]|\\.)+'/y],
  [
    "number",
    /[+-]?(?:0[xXbBoO][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eEpP][+-]?\d+)?)i?/y,
  ],
  ["variable", /\$\w*/y],
  ["field", /\.[A-Za-z_]\w*/y],
  ["dot", /\./y],
  ["ident", /[A-Za-z_]\w*/y],
  ["lparen", /\(/y],
  ["rparen", /\)/y],
  ["pipe", /\|/y],
  ["declare", /:=/y],
  ["assign", /=/y],
  ["comma", /,/y],
];

/** The tokens of one action's body (`text[from, to)`), or the offset of a character that is none. */
export function tokenize(text: string, from: number, to: number): Token[] | { bad: number } {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let token: Token | undefined;
    for (const [kind, re] of tokenPatterns) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m && i + m[0].length <= to) {
        token = { kind, text: m[0], start: i, end: i + m[0].length };
        break;
      }
    }
    if (!token) return { bad: i };
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}

export interface Action {
  /** Offset of `{{`. */
  start: number;
  bodyStart: number;
  bodyEnd: number;
}

/**
 * Split a template into its actions. `}}` inside a quoted string does not close an action; a
 * comment runs from `/*` right after the delimiter to `* /` immediately followed by `}}`.
 */
export function splitActions(text: string, problems: TemplateProblem[]): Action[] {
  const actions: Action[] = [];
  let i = 0;
  for (;;) {
    const open = text.indexOf("{{", i);
    const textEnd = open === -1 ? text.length : open;
    const stray = text.slice(i, textEnd).indexOf("}}");
    if (stray !== -1) {
      problems.push({
        offset: i + stray,
        severity: "warning",
        message:
          '"}}" without an opening "{{" is printed as is: remove it or add the missing "{{".',
      });
    }
    if (open === -1) return actions;
    let bodyStart = open + 2;
    if (/^-\s/.test(text.slice(bodyStart, bodyStart + 2))) bodyStart += 2;
    const close = findClose(text, bodyStart);
    if (typeof close === "string") {
      problems.push({ offset: open, severity: "error", message: close });
      return actions;
    }
    const bodyEnd = /\s-$/.test(text.slice(bodyStart, close)) ? close - 2 : close;
    actions.push({ start: open, bodyStart, bodyEnd });
    i = close + 2;
  }
}

/**
 * Offset of the `}}` closing the action whose body starts at `from` (after `{{` or `{{- `), or
 * what is wrong. A comment starts right there, as in Go: a space before its "/*" makes it none.
 */
function findClose(text: string, from: number): number | string {
  if (text.startsWith("/*", from)) {
    // A comment must close right before the delimiter: `*/}}` or `*/ -}}`.
    const end = text.indexOf("*/", from + 2);
    const trim = end === -1 ? null : text.slice(end + 2).match(/^(\s-)?}}/);
    if (!trim) return 'Unclosed comment: end it with "*/}}".';
    return end + 2 + (trim[1]?.length ?? 0);
  }
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\" && quote !== "`") i++;
      else if (c === quote) quote = undefined;
      else if (c === "\n" && quote !== "`") return "Unterminated quoted string in this action.";
    } else if (c === '"' || c === "`" || c === "'") quote = c;
    else if (c === "}" && text[i + 1] === "}") return i;
  }
  return quote
    ? "Unterminated quoted string in this action."
    : 'Unclosed action: "{{" has no matching "}}".';
}
