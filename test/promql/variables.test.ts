import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { placeholder, substitute, variableRefs } from "../../scripts/engine/promql/variables.ts";

describe("variableRefs", () => {
  it.each([
    ['up{job="$job"}', { name: "job", context: "string", inRegex: false }],
    [
      'up{job=~ "${job:regex}"}',
      { name: "job", format: "regex", context: "string", inRegex: true },
    ],
    ["rate(x[$__rate_interval])", { name: "__rate_interval", context: "range" }],
    ["sum by ($label) (x)", { name: "label", context: "labels" }],
    ["sum without ( [[label]] ) (x)", { name: "label", context: "labels" }],
    ["groupby($x)", { name: "x", context: "expr" }],
    ['x * $factor + y{a="\\"$q"}', { name: "factor", context: "expr" }],
  ])("%s", (text, first) => {
    expect(variableRefs(text)[0]).toMatchObject(first);
  });

  it("carries the state from one reference to the next, escapes and all", () => {
    const refs = variableRefs('a{b="x\\"$v"} + sum by ($l) (rate(c[$__range])) > $t');
    expect(refs.map((r) => [r.name, r.context])).toEqual([
      ["v", "string"],
      ["l", "labels"],
      ["__range", "range"],
      ["t", "expr"],
    ]);
  });
});

describe("substitute", () => {
  const token = fc.constantFrom(
    "$job",
    "${a:csv}",
    "[[b]]",
    "$__interval",
    "x",
    "{",
    "}",
    '"',
    "(",
    " ",
    "by",
    "[",
  );
  it("maps every offset back: outside a reference to the same character, inside to its start", () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) => {
        const text = tokens.join("");
        const refs = variableRefs(text);
        const sub = substitute(text, placeholder);
        let at = 0; // walk the substituted text alongside the original
        let orig = 0;
        for (const ref of refs) {
          for (; orig < ref.start; orig++, at++) {
            expect(sub.toOriginal(at)).toBe(orig);
            expect(sub.text[at]).toBe(text[orig]);
          }
          const len = placeholder(ref).length;
          for (let k = 0; k < len; k++) expect(sub.toOriginal(at + k)).toBe(ref.start);
          at += len;
          orig = ref.end;
        }
        for (; orig < text.length; orig++, at++) expect(sub.toOriginal(at)).toBe(orig);
      }),
    );
  });
});
