/**
 * Go text/template, as Prometheus uses it for alert labels and annotations: enough of the
 * grammar to find what would fail when the alert fires (an unclosed `{{`, a control structure
 * without `{{end}}`, an unknown function or variable, a misplaced literal), and to list the
 * labels a template reads (`$labels.x`, `index $labels "x"`).
 */
import { didYouMean } from "../text/suggest.ts";
import { dataFields, keywords, templateFunctions, templateVariables } from "./functions.ts";
import { splitActions, tokenize, type Action, type TemplateProblem, type Token } from "./lexer.ts";

export type { TemplateProblem } from "./lexer.ts";

export interface TemplateAnalysis {
  problems: TemplateProblem[];
  /** Label names read through `$labels.x`, `.Labels.x` or `index $labels "x"`, sorted. */
  labelRefs: string[];
}

interface Frame {
  keyword: string;
  offset: number;
  /** The `else` seen so far: none, a plain one, or an `else if`/`else with` (more may follow). */
  elseSeen: "none" | "plain" | "chained";
  variables: Set<string>;
}

/** Parse and check a template; never throws. */
export function analyzeTemplate(text: string): TemplateAnalysis {
  const problems: TemplateProblem[] = [];
  const labelRefs = new Set<string>();
  const frames: Frame[] = [
    { keyword: "", offset: 0, elseSeen: "none", variables: new Set(templateVariables) },
  ];
  const defined = new Set<string>();
  const called: { name: string; offset: number }[] = [];
  const error = (offset: number, message: string) =>
    problems.push({ offset, severity: "error", message });
  const top = () => frames[frames.length - 1]!;
  const open = (keyword: string, offset: number, variables: Set<string>) =>
    frames.push({ keyword, offset, elseSeen: "none", variables });
  // A {{define}}d template is a template of its own: it sees only its variables and `$`.
  const visible = (name: string): boolean => {
    for (const f of [...frames].reverse()) {
      if (f.variables.has(name)) return true;
      if (f.keyword === "define" || f.keyword === "block") return name === "$";
    }
    return false;
  };

  for (const action of splitActions(text, problems)) {
    if (text.startsWith("/*", action.bodyStart)) continue; // a comment (lexer.ts)
    const tokens = tokenize(text, action.bodyStart, action.bodyEnd);
    if ("bad" in tokens) {
      error(tokens.bad, `Unexpected character ${JSON.stringify(text[tokens.bad])} in action.`);
      continue;
    }
    // Variables the action declares: scoped to the structure it opens, else to the current one.
    const declared = new Set<string>();
    const parser = new ActionParser(tokens, action, {
      error,
      isDeclared: (name) => declared.has(name) || visible(name),
      declare: (name) => declared.add(name),
      // Dot is the alert's data except inside with/range/define/block, which rebind it.
      dotIsData: frames.every((f) => f.keyword === "" || f.keyword === "if"),
      labelRef: (name) => labelRefs.add(name),
    });
    const first = tokens[0];
    const word = first?.kind === "ident" && keywords.has(first.text) ? first.text : undefined;
    switch (word) {
      case "if":
      case "with":
      case "range":
        parser.pipeline(1, word, word === "range" ? 2 : 1);
        open(word, action.start, declared);
        break;
      case "else": {
        const frame = top();
        const chained = tokens[1]?.text;
        if (!["if", "with", "range"].includes(frame.keyword)) {
          error(first!.start, "{{else}} outside {{if}}, {{with}} or {{range}}.");
        } else if (frame.elseSeen === "plain") {
          error(first!.start, `Second {{else}} in this {{${frame.keyword}}}.`);
        } else if (chained === "with") {
          // Go added {{else with}} in 1.23; Prometheus 2.42's text/template rejects it.
          error(tokens[1]!.start, "{{else with}} is too new for Prometheus: use {{else}}{{with}}.");
        } else if (chained !== undefined && chained !== frame.keyword) {
          error(tokens[1]!.start, `{{else ${chained}}} cannot continue a {{${frame.keyword}}}.`);
        } else if (chained === "range") {
          error(tokens[1]!.start, "{{else range}} does not exist: use {{else}}{{range}}.");
        }
        frame.elseSeen = chained === undefined ? "plain" : "chained";
        if (chained !== undefined) parser.pipeline(2, `else ${chained}`, 1);
        declared.forEach((v) => frame.variables.add(v));
        break;
      }
      case "end":
        if (tokens.length > 1) error(tokens[1]!.start, "{{end}} takes no arguments.");
        if (frames.length === 1) error(first!.start, "Unexpected {{end}}: nothing to close.");
        else frames.pop();
        break;
      case "define":
      case "block": {
        if (word === "define" && frames.length > 1) {
          error(first!.start, "{{define}} inside another action: Go allows it only at the top.");
        }
        const name = tokens[1];
        if (name?.kind !== "string") {
          error(name?.start ?? first!.end, `{{${word}}} needs a quoted template name.`);
        } else defined.add(name.text.slice(1, -1));
        if (word === "block") parser.pipeline(2, word, 0);
        open(word, action.start, declared);
        break;
      }
      case "template": {
        const name = tokens[1];
        if (name?.kind !== "string") {
          error(name?.start ?? first!.end, "{{template}} needs a quoted template name.");
        } else called.push({ name: name.text.slice(1, -1), offset: name.start });
        if (tokens.length > 2) parser.pipeline(2, word, 0);
        break;
      }
      case "break":
      case "continue":
        if (!frames.some((f) => f.keyword === "range")) {
          error(first!.start, `{{${word}}} outside {{range}}.`);
        }
        if (tokens.length > 1) error(tokens[1]!.start, `{{${word}}} takes no arguments.`);
        break;
      default:
        parser.pipeline(0, "command", 1);
        declared.forEach((v) => top().variables.add(v));
    }
  }
  for (const frame of frames.slice(1)) {
    error(frame.offset, `{{${frame.keyword}}} is never closed: add {{end}}.`);
  }
  for (const c of called) {
    if (!defined.has(c.name)) {
      error(
        c.offset,
        `No template "${c.name}" is defined here: an alert template can only use the templates it defines itself.`,
      );
    }
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { problems, labelRefs: [...labelRefs].sort() };
}

/** The label names a template reads: `$labels.x`, `.Labels.x`, `index $labels "x"`. */
export const templateLabelRefs = (text: string): string[] => analyzeTemplate(text).labelRefs;

interface ParserHooks {
  error(offset: number, message: string): void;
  isDeclared(name: string): boolean;
  declare(name: string): void;
  dotIsData: boolean;
  labelRef(name: string): void;
}

/** An operand as far as the checks care: its first token, and what it can do. */
interface Operand {
  token: Token;
  /** A function, a field or a method: may take arguments and receive a piped value. */
  callable: boolean;
  /** `$labels` or `.Labels` itself (no field after it): the label map. */
  labelMap: boolean;
}

/** One action's pipeline, checked as Go's parser (and executor) would. */
class ActionParser {
  private i = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly action: Action,
    private readonly hooks: ParserHooks,
  ) {}

  private peek = (): Token | undefined => this.tokens[this.i];

  /**
   * A pipeline from token `from` to the end of the action: an optional declaration of up to
   * `maxVariables` variables (`$x :=`, `$i, $e :=`, or `$x =`), then commands separated by `|`.
   */
  pipeline(from: number, context: string, maxVariables: number): void {
    this.i = from;
    this.declaration(maxVariables);
    if (!this.peek()) {
      this.hooks.error(this.action.start, `Missing value for ${context}.`);
      return;
    }
    this.commands(context);
    const extra = this.peek();
    if (extra) {
      this.hooks.error(extra.start, `Unexpected ${JSON.stringify(extra.text)} in ${context}.`);
    }
  }

  private declaration(maxVariables: number): void {
    const names: Token[] = [];
    let j = this.i;
    while (this.tokens[j]?.kind === "variable") {
      names.push(this.tokens[j]!);
      if (this.tokens[j + 1]?.kind !== "comma") break;
      j += 2;
    }
    const op = this.tokens[j + 1];
    if (names.length === 0 || (op?.kind !== "declare" && op?.kind !== "assign")) return;
    if (names.length > Math.max(1, maxVariables)) {
      this.hooks.error(names[0]!.start, "Too many variables in this declaration.");
    }
    for (const v of names) {
      if (op.kind === "declare") this.hooks.declare(v.text);
      else if (!this.hooks.isDeclared(v.text)) {
        this.hooks.error(v.start, `Undefined variable "${v.text}": declare it with ":=" first.`);
      }
    }
    this.i = j + 2;
  }

  /** Commands separated by `|`, up to the end or a `)`. */
  private commands(context: string): void {
    for (let stage = 1; ; stage++) {
      const operands: Operand[] = [];
      for (let t = this.peek(); t && t.kind !== "pipe" && t.kind !== "rparen"; t = this.peek()) {
        operands.push(this.operand());
      }
      const [head, map, key] = operands;
      if (!head) {
        this.hooks.error(
          this.peek()?.start ?? this.action.bodyEnd,
          `Missing command in ${context}.`,
        );
      } else if (!head.callable && (operands.length > 1 || stage > 1)) {
        this.hooks.error(
          head.token.start,
          operands.length > 1
            ? `Cannot give arguments to ${head.token.text}: it is not a function.`
            : `Cannot pipe a value into ${head.token.text}: it is not a function.`,
        );
      }
      if (head?.token.text === "index" && map?.labelMap && key?.token.kind === "string") {
        this.hooks.labelRef(key.token.text.slice(1, -1));
      }
      if (this.peek()?.kind !== "pipe") return;
      this.i++;
    }
  }

  private operand(): Operand {
    const t = this.tokens[this.i++]!;
    switch (t.kind) {
      case "lparen": {
        this.commands("parenthesized pipeline");
        const close = this.peek();
        if (close?.kind !== "rparen") {
          this.hooks.error(t.start, 'Unclosed "(": add ")".');
          return { token: t, callable: false, labelMap: false };
        }
        this.i++;
        return { token: t, callable: this.chain(close).length > 0, labelMap: false };
      }
      case "ident":
        return { token: t, callable: this.identifier(t), labelMap: false };
      case "variable":
        return this.variable(t);
      case "field":
        return this.field(t);
      default: {
        const next = this.peek();
        if (next?.kind === "field" && next.start === t.end) {
          this.hooks.error(next.start, `${t.text} has no fields.`);
          this.chain(t);
        }
        return { token: t, callable: false, labelMap: false };
      }
    }
  }

  /** A function name (or true/false/nil); reports unknown functions and misplaced keywords. */
  private identifier(t: Token): boolean {
    if (keywords.has(t.text)) {
      this.hooks.error(
        t.start,
        `Unexpected "${t.text}" inside a command: it must start its own action.`,
      );
      return false;
    }
    if (t.text === "true" || t.text === "false" || t.text === "nil") return false;
    if (!templateFunctions.has(t.text)) {
      this.hooks.error(
        t.start,
        `Function "${t.text}" not defined.${didYouMean(t.text, templateFunctions)}`,
      );
    }
    return true;
  }

  private variable(t: Token): Operand {
    if (!this.hooks.isDeclared(t.text)) {
      this.hooks.error(
        t.start,
        templateVariables.includes(t.text)
          ? `Undefined variable "${t.text}": a {{define}}d template sees only its own variables and $; pass what it needs as its argument.`
          : `Undefined variable "${t.text}".${didYouMean(t.text, templateVariables)}`,
      );
    }
    const fields = this.chain(t).map((f) => f.text.slice(1));
    // `$` is the alert's data, so `$.Labels` is `$labels`.
    const labels =
      t.text === "$labels"
        ? fields
        : t.text === "$" && fields[0] === "Labels"
          ? fields.slice(1)
          : undefined;
    if (labels?.[0]) this.hooks.labelRef(labels[0]);
    return { token: t, callable: fields.length > 0, labelMap: labels?.length === 0 };
  }

  private field(t: Token): Operand {
    const fields = [t, ...this.chain(t)].map((f) => f.text.slice(1));
    if (!this.hooks.dotIsData) return { token: t, callable: true, labelMap: false };
    if (!dataFields.includes(fields[0]!)) {
      this.hooks.error(
        t.start,
        `The alert's data has no field "${fields[0]}": it has ${dataFields.map((f) => "." + f).join(", ")}.${didYouMean(fields[0]!, dataFields)}`,
      );
    }
    if (fields[0] === "Labels" && fields[1]) this.hooks.labelRef(fields[1]);
    return { token: t, callable: true, labelMap: fields[0] === "Labels" && fields.length === 1 };
  }

  /** Fields written right after a term (`$labels.job`, `(...).Foo`), consumed. */
  private chain(after: Token): Token[] {
    const fields: Token[] = [];
    let prev = after;
    for (let t = this.peek(); t?.kind === "field" && t.start === prev.end; t = this.peek()) {
      fields.push(t);
      prev = t;
      this.i++;
    }
    return fields;
  }
}
