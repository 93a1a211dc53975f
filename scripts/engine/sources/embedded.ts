/**
 * Documents inside a YAML string: a ConfigMap's `data` holding a rule file or dashboard JSON.
 * A block scalar (`|`, `|-`, `>`) keeps the document's lines as they are, indented: a position
 * in the document maps to the file by the scalar's first line and its indentation. Any other
 * scalar (a quoted one-liner) maps every position to where the scalar starts.
 */
import { isScalar, type Document, type LineCounter } from "yaml";
import type { Position } from "../text/locate.ts";
import type { Path } from "../text/locate.ts";

/** Maps a position in an embedded document to the file that holds it. */
export type ToOuter = (inner: Position) => Position;

export const identity: ToOuter = (p) => p;

/** How positions in the string at `path` map to the file; identity-safe for top-level docs. */
export function embeddedOffset(
  doc: Document,
  counter: LineCounter,
  text: string,
  path: Path,
): ToOuter {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || !node.range) return identity;
  const start = counter.linePos(node.range[0]);
  if (node.type !== "BLOCK_LITERAL" && node.type !== "BLOCK_FOLDED") {
    return () => ({ line: start.line, column: start.col });
  }
  // The header (`|-` and any comment) ends its line; the content starts on the next one.
  const lines = text.split("\n");
  const first = lines.slice(start.line).findIndex((l) => l.trim() !== "");
  const indent = first < 0 ? 0 : lines[start.line + first]!.match(/^ */)![0].length;
  return (inner) => ({ line: start.line + inner.line, column: inner.column + indent });
}
