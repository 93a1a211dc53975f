/**
 * Where JSON text stops being JSON, and what was expected there. JSON.parse says so only
 * sometimes, in words that change between Node versions; findings must be the same everywhere.
 */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class Fail extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const describeAt = (text: string, at: number): string =>
  at >= text.length ? "the end of the file" : JSON.stringify(text[at]);

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (what: string): never => {
    throw new Fail(i, `expected ${what}, found ${describeAt(text, i)}`);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (re: RegExp, what: string) => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) fail(what);
    i += m![0].length;
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Fail(i, "unterminated string: add the closing '\"'");
      if (c === '"') break;
      if (c < " ") throw new Fail(i, "control character in a string: escape it (\\n, \\t, ...)");
      if (c === "\\") {
        if (!/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(i + 1, i + 6))) {
          throw new Fail(i, "invalid escape in a string");
        }
        i += text[i + 1] === "u" ? 6 : 2;
      } else i++;
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail("a double-quoted property name");
        string();
        ws();
        if (text[i] !== ":") fail("':' after the property name");
        i++;
        value();
        ws();
        if (text[i] === "}") return void i++;
        if (text[i] !== ",") fail("',' or '}'");
        i++;
        ws();
        if (text[i] === "}") fail("a property after ',' (JSON has no trailing commas)");
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === "]") return void i++;
        if (text[i] !== ",") fail("',' or ']'");
        i++;
        ws();
        if (text[i] === "]") fail("a value after ',' (JSON has no trailing commas)");
      }
    }
    if (c === '"') return string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      return literal(/-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y, "a number");
    }
    if (c === "t" || c === "f" || c === "n") return literal(/true|false|null/y, "a value");
    fail("a value");
  };
  try {
    value();
    ws();
    if (i < text.length) fail("the end of the file after the value");
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, message: e.message };
    throw e;
  }
}
