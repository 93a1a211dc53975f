/**
 * Positions in JSON text without building a tree of it: one pass over the characters, memory
 * for the answers only, so a 200 MB dashboard costs what its text costs. (The YAML library's
 * document keeps every node's range, many times the text's size.)
 */
import type { Path, Position } from "./locate.ts";

const QUOTE = 34;
const BACKSLASH = 92;
const isOpen = (c: number) => c === 123 || c === 91; // { [
const isClose = (c: number) => c === 125 || c === 93; // } ]

/** Where, outside strings, nesting first goes deeper than `limit`; undefined when it never does. */
export function tooDeepAt(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (isOpen(c) && ++depth > limit) return i;
    else if (isClose(c)) depth--;
  }
  return undefined;
}

/** The index after the string literal that starts at `i`. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return text.length;
}

const skipSpace = (text: string, i: number): number => {
  while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  return i;
};

/** The index after the value that starts at `i` (after whitespace), without descending into it. */
function valueEnd(text: string, i: number): number {
  i = skipSpace(text, i);
  const c = text.charCodeAt(i);
  if (c === QUOTE) return stringEnd(text, i);
  if (!isOpen(c)) {
    while (i < text.length && !",}] \t\n\r".includes(text[i]!)) i++;
    return i;
  }
  let depth = 0;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === QUOTE) i = stringEnd(text, i) - 1;
    else if (isOpen(d)) depth++;
    else if (isClose(d) && --depth === 0) return i + 1;
  }
  return text.length;
}

interface Trie {
  offset?: number;
  children: Map<string, Trie>;
}

/**
 * Where the value at each path starts in valid JSON `text`, or where its nearest existing
 * ancestor does when it is not there. One pass, descending only into the requested paths.
 */
export function jsonOffsets(text: string, paths: readonly Path[]): (number | undefined)[] {
  const root: Trie = { children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const seg of path) {
      const key = String(seg);
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = { children: new Map() }));
      node = next;
    }
  }
  // Returns the index after the value; recursion only follows requested paths.
  const visit = (node: Trie, i: number): number => {
    i = skipSpace(text, i);
    node.offset = i;
    const c = text.charCodeAt(i);
    if (node.children.size === 0 || !isOpen(c)) return valueEnd(text, i);
    const object = c === 123;
    let index = 0;
    i = skipSpace(text, i + 1);
    while (i < text.length && !isClose(text.charCodeAt(i))) {
      let key = String(index++);
      if (object) {
        const end = stringEnd(text, i);
        const raw = text.slice(i, end);
        key = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        i = skipSpace(text, end) + 1; // past ':'
      }
      const child = node.children.get(key);
      i = skipSpace(text, child ? visit(child, i) : valueEnd(text, i));
      if (text[i] === ",") i = skipSpace(text, i + 1);
    }
    return i + 1;
  };
  visit(root, 0);
  return paths.map((path) => {
    let node = root;
    let found = root.offset;
    for (const seg of path) {
      const next = node.children.get(String(seg));
      if (next?.offset === undefined) break;
      node = next;
      found = next.offset;
    }
    return found;
  });
}

/** Line and column (1-based) of each offset, counting lines once for all of them. */
export function positionsAt(text: string, offsets: readonly number[]): Position[] {
  const order = offsets.map((offset, i) => ({ offset, i })).sort((a, b) => a.offset - b.offset);
  const out: Position[] = new Array<Position>(offsets.length);
  let line = 1;
  let lineStart = 0;
  // The next newline, searched for once per line, not once per offset.
  let next = text.indexOf("\n");
  for (const { offset, i } of order) {
    while (next !== -1 && next < offset) {
      line++;
      lineStart = next + 1;
      next = text.indexOf("\n", lineStart);
    }
    out[i] = { line, column: offset - lineStart + 1 };
  }
  return out;
}
