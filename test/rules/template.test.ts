import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { promtoolFindings } from "../../scripts/engine/promtool/check-rules.ts";
import { toYaml } from "../../scripts/engine/render/yaml.ts";
import { templateFunctions } from "../../scripts/engine/gotemplate/functions.ts";
import { analyzeTemplate, templateLabelRefs } from "../../scripts/engine/gotemplate/parser.ts";

/** Templates Prometheus accepts, with the labels they read. */
const valid: { text: string; labels: string[] }[] = [
  { text: "plain text, no actions", labels: [] },
  { text: "{{ $labels.job }}/{{ $labels.instance }} is down", labels: ["instance", "job"] },
  { text: "{{ $value | humanizePercentage }} of {{ .Labels.handler }}", labels: ["handler"] },
  { text: '{{ index $labels "tier" }} and {{ index .Labels "pod" }}', labels: ["pod", "tier"] },
  { text: "{{ $.Labels.namespace }} {{ $externalLabels.cluster }}", labels: ["namespace"] },
  { text: '{{ printf "%.2f" $value }}s {{ humanizeDuration 90 }}', labels: [] },
  {
    text: "{{ if gt $value 1.0 }}high{{ else if lt $value 0.1 }}low{{ else }}ok{{ end }}",
    labels: [],
  },
  { text: '{{ with query "up == 0" }}{{ . | first | value | humanize }}{{ end }}', labels: [] },
  { text: '{{ range $i, $s := query "up" }}{{ $s.Labels.job }}{{ break }}{{ end }}', labels: [] },
  { text: "{{- /* a comment */ -}} {{ $x := $value }}{{ $x = 2.0 }}{{ $x }}", labels: [] },
  { text: '{{ define "who" }}{{ .job }}{{ end }}{{ template "who" $labels }}', labels: [] },
  { text: '{{ reReplaceAll "(.*):.*" "$1" $labels.instance | toUpper }}', labels: ["instance"] },
  {
    text: "{{ $externalURL }}/alerts {{ pathPrefix }} {{ stripPort $labels.instance }}",
    labels: ["instance"],
  },
  { text: '{{ printf "%s }} is literal" $labels.job }}', labels: ["job"] },
];

/** Templates that fail, the first problem reported, and whether promtool (Go's parser) fails too. */
const invalid: { text: string; at: number; message: string; parseTime: boolean }[] = [
  {
    text: "{{ $labels.job ",
    at: 0,
    message: 'Unclosed action: "{{" has no matching "}}".',
    parseTime: true,
  },
  {
    text: "{{ if $value }}high",
    at: 0,
    message: "{{if}} is never closed: add {{end}}.",
    parseTime: true,
  },
  {
    text: "ok {{ end }}",
    at: 6,
    message: "Unexpected {{end}}: nothing to close.",
    parseTime: true,
  },
  {
    text: "{{ else }}",
    at: 3,
    message: "{{else}} outside {{if}}, {{with}} or {{range}}.",
    parseTime: true,
  },
  {
    text: "{{ humanise $value }}",
    at: 3,
    message: 'Function "humanise" not defined. Did you mean "humanize"?',
    parseTime: true,
  },
  {
    text: "{{ $lables.job }}",
    at: 3,
    message: 'Undefined variable "$lables". Did you mean "$labels"?',
    parseTime: true,
  },
  {
    text: '{{ $value | "x" }}',
    at: 12,
    message: 'Cannot pipe a value into "x": it is not a function.',
    parseTime: true,
  },
  { text: "{{ (humanize $value }}", at: 3, message: 'Unclosed "(": add ")".', parseTime: true },
  { text: "{{ }}", at: 0, message: "Missing value for command.", parseTime: true },
  { text: "{{ break }}", at: 3, message: "{{break}} outside {{range}}.", parseTime: true },
  {
    text: "{{/* never closed }}",
    at: 0,
    message: 'Unclosed comment: end it with "*/}}".',
    parseTime: true,
  },
  {
    text: "{{ if 1 }}a{{ else }}b{{ else }}c{{ end }}",
    at: 25,
    message: "Second {{else}} in this {{if}}.",
    parseTime: true,
  },
  {
    text: "{{ /* a comment after a space is none */}}",
    at: 3,
    message: 'Unexpected character "/" in action.',
    parseTime: true,
  },
  {
    text: "{{ if 1 }}a{{ else with $labels }}b{{ end }}",
    at: 19,
    message: "{{else with}} is too new for Prometheus",
    parseTime: true,
  },
  {
    text: "{{ with $labels }}a{{ else with $value }}b{{ end }}",
    at: 27,
    message: "{{else with}} is too new for Prometheus",
    parseTime: true,
  },
  {
    text: '{{ if 1 }}{{ define "x" }}y{{ end }}{{ end }}',
    at: 13,
    message: "{{define}} inside another action",
    parseTime: true,
  },
  {
    text: '{{ define "x" }}{{ $labels.job }}{{ end }}',
    at: 19,
    message: 'Undefined variable "$labels": a {{define}}d template sees only its own variables',
    parseTime: true,
  },
  // Go parses these; they fail only when the alert fires.
  {
    text: "{{ $y = 1 }}",
    at: 3,
    message: 'Undefined variable "$y": declare it with ":=" first.',
    parseTime: false,
  },
  {
    text: "{{ $value 1 }}",
    at: 3,
    message: "Cannot give arguments to $value: it is not a function.",
    parseTime: false,
  },
  {
    text: "{{ .Lables.job }}",
    at: 3,
    message: 'The alert\'s data has no field "Lables"',
    parseTime: false,
  },
  {
    text: '{{ template "missing" . }}',
    at: 12,
    message: 'No template "missing" is defined here',
    parseTime: false,
  },
];

describe("analyzeTemplate", () => {
  it.each(valid)("accepts $text", ({ text, labels }) => {
    expect(analyzeTemplate(text).problems).toEqual([]);
    expect(templateLabelRefs(text)).toEqual(labels);
  });

  it.each(invalid)("rejects $text", ({ text, at, message }) => {
    const [first] = analyzeTemplate(text).problems;
    expect(first?.severity).toBe("error");
    expect(first?.message).toContain(message);
    expect(first?.offset).toBe(at);
  });

  it("warns about a stray }} (Go prints it as text)", () => {
    expect(analyzeTemplate("{{ $value }} }}").problems).toEqual([
      {
        offset: 13,
        severity: "warning",
        message: expect.stringContaining('"}}" without an opening "{{"'),
      },
    ]);
  });

  it("still lists the labels of a template with an error elsewhere", () => {
    expect(templateLabelRefs("{{ $labels.job }} {{ humanise $value }}")).toEqual(["job"]);
  });
});

describe("analyzeTemplate agrees with promtool (Go's own template parser)", () => {
  const dir = mkdtempSync(join(tmpdir(), "template-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("on every template of the tables", (ctx) => {
    // Every function of the table, called in a template: a name promtool lacks fails.
    const calls = [...templateFunctions].map((f) => ({
      text: `{{ if false }}{{ ${f} }}{{ end }}`,
      fails: false,
    }));
    const cases = [
      ...calls,
      ...valid.map((v) => ({ text: v.text, fails: false })),
      ...invalid.map((v) => ({ text: v.text, fails: v.parseTime })),
    ];
    const rules = cases.map((c, i) => ({
      alert: `Case${i}`,
      expr: "up == 0",
      annotations: { summary: c.text },
    }));
    writeFileSync(join(dir, "rules.yml"), toYaml({ groups: [{ name: "templates", rules }] }));
    const result = promtoolFindings(dir, [{ file: "rules.yml" }]);
    if (!result.ran) {
      // CI installs promtool (npm run setup): there a missing one must fail, not skip.
      if (process.env.CI === "true") throw new Error("promtool is not on PATH");
      return ctx.skip("promtool is not on PATH");
    }
    const failed = new Set(result.findings.map((f) => f.where.alert));
    expect(cases.filter((c, i) => failed.has(`Case${i}`) !== c.fails)).toEqual([]);
  });
});
