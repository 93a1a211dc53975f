/**
 * Lines and columns for findings about files (the catalogue, and files given to
 * `npm run check`): the YAML library parses JSON too, and keeps where every node starts.
 */
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import { positionsAt } from "./json-scan.ts";

export type Path = (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** A parsed document that can say where a node is. */
export interface Located {
  doc: Document;
  counter: LineCounter;
}

export function locatable(text: string): Located {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false });
  return { doc, counter };
}

/** Where the node at `path` starts; its nearest existing ancestor when it does not exist. */
export function positionOf({ doc, counter }: Located, path: Path): Position | undefined {
  for (let p = path; ; p = p.slice(0, -1)) {
    const node = p.length === 0 ? doc.contents : doc.getIn(p, true);
    if (isNode(node) && node.range) {
      const { line, col } = counter.linePos(node.range[0]);
      return { line, column: col };
    }
    if (p.length === 0) return undefined;
  }
}

/** A JSON pointer (`/panels/0/title`) as a path. */
export const pointerPath = (pointer: string): Path =>
  pointer === ""
    ? []
    : pointer
        .split("/")
        .slice(1)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, "/").replace(/~0/g, "~")));

/** Line and column of a character offset. */
export const positionAt = (text: string, offset: number): Position =>
  positionsAt(text, [offset])[0]!;
