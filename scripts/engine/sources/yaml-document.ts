/**
 * One YAML document read within the input limits (limits.ts): nesting refused before the parser
 * (which recurses) sees it, aliases expanded to a bound, and whatever the parser throws turned
 * into a problem. For the files that hold one document: catalogue and config files.
 */
import { LineCounter, parseDocument } from "yaml";
import { limits } from "../limits.ts";
import { tooDeepAt } from "../text/json-scan.ts";
import { positionAt, type Located } from "../text/locate.ts";
import { thrownMessage } from "../text/thrown.ts";

export interface YamlProblem {
  line: number;
  column?: number;
  message: string;
}

export interface YamlDocument {
  /** The parsed document with its positions; undefined when it was refused unparsed. */
  located?: Located;
  /** Its content as data: what the parser made of it, even past a syntax error. */
  data: unknown;
  /** Syntax errors, or why it was refused: none means `data` is the document's content. */
  problems: YamlProblem[];
}

export function readYamlDocument(text: string): YamlDocument {
  const deep = tooDeepAt(text, limits.depth);
  if (deep !== undefined) {
    const message = `YAML nested more than ${limits.depth} levels deep: refused, so reading stays bounded in time and memory.`;
    return { data: undefined, problems: [{ ...positionAt(text, deep), message }] };
  }
  const counter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return {
      data: undefined,
      problems: [{ line: 1, message: `YAML could not be parsed (${thrownMessage(e)}).` }],
    };
  }
  const located = { doc, counter };
  const problems: YamlProblem[] = doc.errors.map((e) => {
    const pos = counter.linePos(e.pos[0]);
    return {
      line: pos.line,
      column: pos.col,
      message: `Invalid YAML: ${e.message.split("\n")[0]}.`,
    };
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: limits.yamlAliases });
  } catch (e) {
    problems.push({
      line: 1,
      message: `YAML could not be read (${thrownMessage(e)}): aliases expand to at most ${limits.yamlAliases} nodes.`,
    });
  }
  return { located, data, problems };
}
