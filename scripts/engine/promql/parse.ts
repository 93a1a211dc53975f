import type { SyntaxNode, Tree } from "@lezer/common";
import type { LRParser } from "@lezer/lr";
import { parser } from "@prometheus-io/lezer-promql";
import { decodeString } from "./tree.ts";
import { placeholder, substitute } from "./variables.ts";
import { memoByText } from "../text/memo.ts";

export interface SyntaxProblem {
  /** Offset in the original (unsubstituted) query. */
  offset: number;
  message: string;
}

export interface ParsedQuery {
  /** The query as written, Grafana variables included. */
  source: string;
  /** The query with variables replaced by type-correct placeholders: what the tree is of. */
  text: string;
  tree: Tree;
  toOriginal(offset: number): number;
  errors: SyntaxProblem[];
}

/** The text of a node as parsed (variables substituted): for reading names and numbers. */
export const textOf = (q: ParsedQuery, node: SyntaxNode): string =>
  q.text.slice(node.from, node.to);

/** The text of a node as written (variables included): for messages. */
export const sourceOf = (q: ParsedQuery, node: SyntaxNode): string =>
  q.source.slice(q.toOriginal(node.from), q.toOriginal(Math.max(node.from, node.to - 1)) + 1);

/** How many more "(" than ")" the text has. */
function unclosedParens(text: string): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") open++;
    else if (text[i] === ")") open--;
  }
  return open;
}

function describeError(q: Omit<ParsedQuery, "errors">, node: SyntaxNode): string {
  const rest = q.text.slice(node.from, node.from + 200).trimStart();
  if (rest === "") {
    const open = unclosedParens(q.text);
    return open > 0
      ? `unexpected end of query: ${open} unclosed "(".`
      : "unexpected end of query: the expression is incomplete.";
  }
  const token = rest.match(/^([A-Za-z_:][\w:]*|\d[\w.]*|"[^"]*"?|.)/)?.[0] ?? rest[0];
  // `name(` where the grammar has no function `name`: it stops at the parenthesis.
  const called = token === "(" && /([A-Za-z_][\w]*)\s*$/.exec(q.text.slice(0, node.from));
  if (called && !/^(by|without|on|ignoring|group_left|group_right|bool|offset)$/.test(called[1]!)) {
    return `unknown function "${called[1]}".`;
  }
  return `unexpected ${JSON.stringify(token)}.`;
}

/** String literals the grammar accepts but Prometheus (Go's strconv) rejects at load time. */
function escapeErrors(q: Omit<ParsedQuery, "errors">): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  q.tree.iterate({
    enter(n) {
      if (n.name !== "StringLiteral" && n.name !== "String") return;
      const literal = textOf(q as ParsedQuery, n.node);
      const bad = decodeString(literal).badEscape;
      if (bad === undefined) return;
      const escape = literal.slice(bad, bad + 2);
      problems.push({
        offset: q.toOriginal(n.from + bad),
        message: `invalid escape ${escape} in a string: strings use Go escapes, so a regex needs the backslash doubled (\\${escape}) or a \`raw string\`.`,
      });
    },
  });
  return problems;
}

/**
 * Parse a query with a lezer grammar after Grafana variables and macros are replaced by
 * placeholders; syntax errors are mapped back to the text as written. parsePromql and
 * parseLogql keep each parse (text/memo.ts): many checks look at the same queries.
 */
export function parseWith(grammar: LRParser, source: string): ParsedQuery {
  const sub = substitute(source, placeholder);
  const tree = grammar.parse(sub.text);
  const base = { source, text: sub.text, tree, toOriginal: sub.toOriginal };
  if (sub.text.trim() === "") {
    return { ...base, errors: [{ offset: 0, message: "empty query." }] };
  }
  // The first error only, as Prometheus reports it: past it lezer recovers by guesses, and
  // what it reports further on mostly follows from the first (an unknown function's arguments
  // come out as five "unexpected" tokens), so the rest would bury the one to fix.
  const errors: SyntaxProblem[] = [];
  tree.iterate({
    enter(n) {
      if (errors.length > 0) return false;
      if (!n.type.isError) return;
      errors.push({ offset: sub.toOriginal(n.from), message: describeError(base, n.node) });
      return false;
    },
  });
  if (errors.length === 0) errors.push(...escapeErrors(base));
  return { ...base, errors };
}

/** Distinct queries whose parse is kept (a dashboard holds tens, a large platform thousands). */
export const parsesKept = 20_000;

/** Parse PromQL with Prometheus' own grammar (@prometheus-io/lezer-promql). */
export const parsePromql = memoByText((source) => parseWith(parser, source), parsesKept);
