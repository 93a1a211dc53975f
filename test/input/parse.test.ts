import { describe, expect, it } from "vitest";
import { jsonSyntaxError } from "../../scripts/engine/sources/json-error.ts";
import { parseInput } from "../../scripts/engine/sources/foreign.ts";
import { parsePromtoolStderr } from "../../scripts/engine/promtool/check-rules.ts";
import { repoRoot, snapshot } from "../helpers/repo.ts";

describe("parseInput", () => {
  it("reads a dashboard and locates a JSON pointer in it", () => {
    const text = '{\n  "title": "T",\n  "panels": [\n    { "type": "stat", "id": 1 }\n  ]\n}\n';
    const input = parseInput("team/t.json", text);
    expect(input.findings).toEqual([]);
    expect(input.dashboards[0]).toMatchObject({ file: "team/t.json", slug: "t" });
    expect(
      input.locate([
        { file: "team/t.json", pointer: "/panels/0/id" },
        // A missing property is located at its nearest existing parent.
        { file: "team/t.json", pointer: "/panels/0/gridPos/w" },
        { file: "team/t.json" },
      ]),
    ).toEqual([{ line: 4, column: 29 }, { line: 4, column: 5 }, undefined]);
  });

  it("unwraps the HTTP API's {dashboard, meta} shape, pointers included", () => {
    const text = '{"meta": {"slug": "x"},\n "dashboard": {"title": "T",\n  "uid": "u"}}';
    const input = parseInput("api.json", text);
    expect(input.dashboards[0]?.dashboard).toEqual({ title: "T", uid: "u" });
    expect(input.locate([{ file: "api.json", pointer: "/uid" }])[0]?.line).toBe(3);
  });

  it.each([
    ['{\n  "title": "T",\n  "panels": [,]\n}', 3, 14, 'expected a value, found ","'],
    ['{"title": "T",}', 1, 15, "expected a property after ',' (JSON has no trailing commas)"],
    ['{"title": "T"', 1, 14, "expected ',' or '}', found the end of the file"],
    ["{title: 1}", 1, 2, "expected a double-quoted property name"],
    ['{"a": "x\ny"}', 1, 9, "control character in a string"],
    ["", 1, 1, "expected a value, found the end of the file"],
  ])("reports broken JSON where it breaks: %j", (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(parseInput("d.json", text).findings).toEqual([
      {
        rule: "json/parse",
        severity: "fatal",
        where: { file: "d.json", line, column },
        message: expect.stringContaining(`Invalid JSON: ${message}`),
      },
    ]);
  });

  it("finds no syntax error in JSON that parses (every committed JSON file)", () => {
    const files = [...snapshot(repoRoot, "config")].filter(([path]) => path.endsWith(".json"));
    expect(files.length).toBeGreaterThan(3);
    for (const [path, text] of files) expect(jsonSyntaxError(text), path).toBeUndefined();
  });

  it("reports broken YAML with its line", () => {
    const [finding] = parseInput("r.yml", "groups:\n  - name: g\n   rules: []\n").findings;
    expect(finding).toMatchObject({ rule: "yaml/parse", where: { file: "r.yml", line: 3 } });
  });

  it("reads a rule file leniently, reporting what is neither an alert nor a record", () => {
    const text = [
      "groups:",
      "  - name: g",
      "    rules:",
      "      - alert: A",
      "        expr: up == 0",
      "        labels: { severity: warning, priority: 1 }",
      "      - record: job:up:sum",
      "        expr: sum by (job) (up)",
      "      - expr: up",
      "  - just a string",
    ].join("\n");
    const input = parseInput("r.yml", text);
    expect(input.ruleGroups).toEqual([
      {
        file: "r.yml",
        group: {
          name: "g",
          rules: [
            {
              kind: "alert",
              alert: "A",
              expr: "up == 0",
              for: undefined,
              labels: { severity: "warning", priority: "1" },
              annotations: {},
            },
            { kind: "record", record: "job:up:sum", expr: "sum by (job) (up)" },
          ],
        },
      },
    ]);
    expect(input.findings.map((f) => [f.rule, f.where.line, f.message])).toEqual([
      ["check/input", 9, 'Rule 3 of group "g" has neither "alert" nor "record".'],
      ["check/input", 10, "Group 2 is not a mapping: give it a name and rules."],
    ]);
    expect(
      input.locate([{ file: "r.yml", group: "g", alert: "A", pointer: "/expr" }])[0]?.line,
    ).toBe(5);
    expect(input.ruleFiles[0]?.locateRule("g", 1)?.line).toBe(7);
  });

  it("locates a JSON rule file's findings and rules without a tree of the JSON", () => {
    const text = [
      "{",
      '  "groups": [',
      '    { "name": "g",',
      '      "rules": [',
      '        { "expr": "up" },',
      '        { "alert": "A",',
      '          "expr": "up == 0" }',
      "      ] }",
      "  ]",
      "}",
    ].join("\n");
    const input = parseInput("r.json", text);
    expect(input.findings.map((f) => [f.rule, f.where.line, f.where.column])).toEqual([
      ["check/input", 5, 9],
    ]);
    expect(input.locate([{ file: "r.json", group: "g", alert: "A", pointer: "/expr" }])).toEqual([
      { line: 7, column: 19 },
    ]);
    expect(input.ruleFiles[0]?.locateRule("g", 1)).toEqual({ line: 6, column: 9 });
    // Past the group's last rule: the group.
    expect(input.ruleFiles[0]?.locateRule("g", 5)?.line).toBe(3);
  });

  it("places what is inside a JSON ConfigMap's string at the string", () => {
    const rules = "groups:\n  - name: g\n    rules:\n      - expr: up\n";
    const text = JSON.stringify(
      { apiVersion: "v1", kind: "ConfigMap", data: { "rules.yml": rules } },
      null,
      2,
    );
    const input = parseInput("cm.json", text);
    expect(input.ruleGroups.map((g) => g.group.name)).toEqual(["g"]);
    expect(input.findings.map((f) => [f.rule, f.where.line, f.where.column])).toEqual([
      ["check/input", 5, 18],
    ]);
  });

  it.each([
    ["deep.json", `${"[".repeat(300)}${"]".repeat(300)}`, "json/parse"],
    ["deep.yml", `a: ${"[".repeat(300)}${"]".repeat(300)}`, "yaml/parse"],
  ])("refuses %s at the depth limit, fatal, at the spot", (file, text, rule) => {
    expect(parseInput(file, text).findings).toEqual([
      expect.objectContaining({
        rule,
        severity: "fatal",
        where: expect.objectContaining({ line: 1 }),
        message: expect.stringContaining("levels deep"),
      }),
    ]);
  });

  it("says what a file is when it is neither (a folder search skips it, counted)", () => {
    const input = parseInput("x.json", '{"foo": 1}');
    expect(input.findings).toEqual([]);
    expect(input.skipped).toBe("neither a Grafana dashboard nor a Prometheus rule file");
  });
});

describe("parsePromtoolStderr", () => {
  it("turns promtool failures into findings, with the line of the rule it numbers", () => {
    const stderr = [
      "  FAILED:",
      'r.yml: 14:15: group "g", rule 2, "B": could not parse expression: 1:5: parse error: unclosed left parenthesis',
      'r.yml: group "g", rule 1, "A": annotation "summary": template: __alert_A:1: function "humanise" not defined',
      "r.yml: yaml: unmarshal errors:",
      "  line 4: field foo not found in type rulefmt.RuleNode",
    ].join("\n");
    const lines = (_group: string, index: number) => ({ line: 10 + index, column: 9 });
    expect(parsePromtoolStderr("r.yml", stderr, true, lines).map((f) => f.where)).toEqual([
      { file: "r.yml", line: 14, column: 15, group: "g", alert: "B" },
      { file: "r.yml", line: 10, column: 9, group: "g", alert: "A" },
      { file: "r.yml", line: 4 },
    ]);
  });

  it("keeps lint output of a passing run as a warning", () => {
    const stderr = "lint error 1 duplicate rule(s) found.\nMetric: a:b\n";
    expect(parsePromtoolStderr("r.yml", stderr, false)).toEqual([
      expect.objectContaining({ rule: "promtool/check-rules", severity: "warning" }),
    ]);
  });
});
