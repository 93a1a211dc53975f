import { describe, expect, it } from "vitest";
import { limits } from "../../scripts/engine/limits.ts";
import { parseCatalogueFile } from "../../scripts/engine/sources/catalogue.ts";
import { parseCheckConfig } from "../../scripts/engine/sources/check-config.ts";
import { readYamlDocument } from "../../scripts/engine/sources/yaml-document.ts";

const deep = `profile: ${"[".repeat(limits.depth + 50)}${"]".repeat(limits.depth + 50)}\n`;
const aliases = [
  "a: &a [x, x, x, x, x, x, x, x, x, x]",
  ...Array.from({ length: 4 }, (_, i) => {
    const [p, n] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
    return `${n}: &${n} [${Array<string>(10).fill(`*${p}`).join(", ")}]`;
  }),
].join("\n");

describe("readYamlDocument", () => {
  it("reads a document with its positions", () => {
    const r = readYamlDocument("a: 1\nb: [2]\n");
    expect(r.problems).toEqual([]);
    expect(r.data).toEqual({ a: 1, b: [2] });
    expect(r.located).toBeDefined();
  });

  it.each([
    ["nested past the depth limit, at the spot", deep, { line: 1, column: 10 + limits.depth }],
    ["an alias bomb", aliases, { line: 1 }],
    ["a syntax error, with what the parser made of the rest", "a: [1\nb: 2\n", { line: 2 }],
  ])("refuses %s", (_, text, at) => {
    const r = readYamlDocument(text);
    expect(r.problems).toEqual([expect.objectContaining(at)]);
  });
});

describe("the catalogue and the config file within the limits", () => {
  it("a catalogue nested past the limit is a catalogue/yaml finding", () => {
    const { value, findings } = parseCatalogueFile("deep.yaml", deep);
    expect(value).toBeUndefined();
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "catalogue/yaml",
        message: expect.stringContaining("levels deep"),
      }),
    ]);
  });

  it.each([
    ["nested past the limit", deep, "levels deep"],
    ["an alias bomb", aliases, "aliases expand to at most"],
  ])("a config file %s is fatal, and says so", (_, text, message) => {
    const { config, findings } = parseCheckConfig(".monitoring-check.yaml", "/x/.c.yaml", text);
    expect(config).toBeUndefined();
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "check/config",
        severity: "fatal",
        message: expect.stringContaining(message),
      }),
    ]);
  });
});
