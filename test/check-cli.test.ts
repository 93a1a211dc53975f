import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../scripts/engine/findings.ts";
import { repoRoot, runCli } from "./helpers/repo.ts";

const fixtures = "test/fixtures/check";
const check = (args: string[]) => runCli(repoRoot, "check", args);
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

const hasPromtool = spawnSync("promtool", ["--version"]).error === undefined;

describe("npm run check", () => {
  const tmp = mkdtempSync(join(tmpdir(), "check-cli-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("passes our own generated dashboards and rules, and another team's clean files", () => {
    const r = check([
      "config/grafana/dashboards",
      "config/prometheus/alerts.yml",
      `${fixtures}/dashboards/nested-rows.json`,
      `${fixtures}/rules/good.yml`,
      "--format",
      "json",
    ]);
    expect(r.stdout).toBe("[]\n");
    expect(r.status).toBe(0);
  });

  describe("on every fixture (JSON output)", () => {
    // Broken files live here, not in the repository, where prettier --check would trip on them.
    const broken = { json: join(tmp, "broken.json"), yaml: join(tmp, "broken.yml") };
    writeFileSync(
      broken.json,
      '{\n  "title": "Broken",\n  "panels": [\n    { "type": "stat", }\n  ]\n}\n',
    );
    writeFileSync(
      broken.yaml,
      "groups:\n  - name: g\n    rules:\n      - alert: X\n       for: 5m\n",
    );
    const r = check([fixtures, broken.json, broken.yaml, "--format", "json"]);
    const findings = JSON.parse(r.stdout) as Finding[];
    const of = (file: string) =>
      findings.filter((f) => f.where.file === file || f.where.file === `${fixtures}/${file}`);
    const find = (file: string, rule: string, pointerOrText: string) =>
      of(file).find(
        (f) =>
          f.rule === rule &&
          (f.where.pointer === pointerOrText || f.message.includes(pointerOrText)),
      );

    it("reports, exits 1 and never throws", () => {
      expect(r.status).toBe(1);
      noStackTrace(r.stderr);
      for (const f of findings) {
        expect(f).toEqual({
          rule: expect.stringMatching(/^[a-z]+\/[a-z-]+$/),
          severity: expect.stringMatching(/^(fatal|error|warning|info)$/),
          where: expect.objectContaining({ file: expect.any(String) }),
          message: expect.any(String),
        });
      }
    });

    it("an old schemaVersion with rows[]: checked after Grafana's migration, at the rows' lines", () => {
      expect(
        of("dashboards/legacy-rows.json")
          .filter((f) => f.rule === "schema/dashboard")
          .map((f) => [f.severity, f.where.pointer]),
      ).toEqual([["info", "/rows/0/panels/0"]]);
      expect(
        find("dashboards/legacy-rows.json", "dashboard/undefined-variable", "$interval"),
      ).toMatchObject({
        where: {
          line: 43,
          panel: { title: "Server errors", id: 2 },
          refId: "A",
          pointer: "/rows/0/panels/1/targets/0/expr",
        },
        message: expect.stringContaining('Did you mean "__interval"?'),
      });
    });

    it("a legacy graph panel, once per dashboard", () => {
      expect(find("dashboards/legacy-graph.json", "schema/dashboard", "/panels/0")).toMatchObject({
        severity: "info",
        where: { line: 6, panel: { title: "Requests by handler", id: 1 } },
        message: expect.stringContaining(
          '1 legacy panel(s) (graph; the first is here): Grafana replaces "graph"',
        ),
      });
    });

    it("rows with nested panels (clean)", () => {
      expect(of("dashboards/nested-rows.json")).toEqual([]);
    });

    it("missing fields are Grafana's to default; a panel that is not an object is an error", () => {
      expect(find("dashboards/minimal.json", "schema/dashboard", "/schemaVersion")).toBeUndefined();
      expect(find("dashboards/minimal.json", "schema/dashboard", "/panels/2")).toMatchObject({
        where: { line: 13 },
        message: 'dashboard: expected object, got string "not a panel".',
      });
    });

    it("a Grafana UI export for sharing: what Grafana writes is accepted, its inputs warned of", () => {
      expect(
        find("dashboards/grafana-export.json", "schema/dashboard", "/__inputs"),
      ).toBeUndefined();
      expect(
        find(
          "dashboards/grafana-export.json",
          "dashboard/undefined-variable",
          "/panels/0/datasource/uid",
        ),
      ).toMatchObject({
        severity: "warning",
        where: { line: 39 },
        message: expect.stringContaining("an input of an export for sharing"),
      });
    });

    it("broken JSON and YAML, with their lines", () => {
      expect(of(broken.json)).toEqual([
        {
          rule: "json/parse",
          severity: "fatal",
          where: { file: broken.json, line: 4, column: 23 },
          message:
            "Invalid JSON: expected a property after ',' (JSON has no trailing commas), found \"}\". Fix the syntax here; nothing else in this file was checked.",
        },
      ]);
      expect(of(broken.yaml)).toEqual([
        {
          rule: "yaml/parse",
          severity: "fatal",
          where: { file: broken.yaml, line: 5, column: 1 },
          message:
            "Invalid YAML: Sequence item without - indicator. Fix the syntax here; nothing else in this file was checked.",
        },
      ]);
    });

    it("a rule file with template, name and PromQL mistakes", () => {
      expect(find("rules/bad.yml", "alerts/template", "/annotations/summary")).toMatchObject({
        where: { line: 10, group: "api-service-bad", alert: "ApiServiceDown" },
        message: expect.stringContaining('Unclosed action: "{{" has no matching "}}".'),
      });
      expect(find("rules/bad.yml", "alerts/unique-names", "ApiServiceDown")).toMatchObject({
        where: { line: 24, group: "api-service-copy" },
      });
      expect(find("rules/bad.yml", "promql/syntax", "/expr")).toMatchObject({
        where: { line: 14, alert: "ApiServiceAllDown" },
      });
      expect(of("rules/good.yml")).toEqual([]);
    });

    it("runs promtool check rules on rule files", (ctx) => {
      if (!hasPromtool) {
        if (process.env.CI === "true") throw new Error("promtool is not on PATH");
        return ctx.skip("promtool is not on PATH");
      }
      // What only promtool knows: Prometheus 2.42 reads no quoted metric name.
      expect(find("rules/bad.yml", "promtool/check-rules", "unexpected string")).toMatchObject({
        severity: "error",
        where: { line: 36, column: 15, group: "api-service-new-syntax", alert: "ApiServiceGone" },
      });
      // A duration in words once: by alerts/durations, at the line promtool does not give.
      const duration = of("rules/duration-in-words.yml");
      expect(duration.map((f) => [f.rule, f.where.line])).toEqual([["alerts/durations", 6]]);
      // A PromQL error is reported once: by promql/syntax, with a caret under the column.
      const unclosed = of("rules/bad.yml").filter(
        (f) => f.where.alert === "ApiServiceAllDown" && /^(promql|promtool)\//.test(f.rule),
      );
      expect(unclosed.map((f) => [f.rule, f.where.line])).toEqual([["promql/syntax", 14]]);
      // A template error is reported once: by alerts/template, which says where and what to
      // do; promtool's word on the same template is dropped.
      const humanise = of("rules/bad.yml").filter((f) => /"humanise" not defined/i.test(f.message));
      expect(humanise.map((f) => [f.rule, f.where.line])).toEqual([["alerts/template", 11]]);
      expect(of("rules/bad.yml").filter((f) => f.message.includes("template: "))).toEqual([]);
    });
  });

  it("prints text grouped by file, on stderr (the platform profile: our house rules too)", () => {
    const r = check([
      `${fixtures}/dashboards/legacy-graph.json`,
      `${fixtures}/rules/bad.yml`,
      "--profile",
      "platform",
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      [
        `${fixtures}/dashboards/legacy-graph.json`,
        '  warning schema/dashboard [line 6:5, dashboard legacy-graph, panel "Requests by handler" (id 1), at /panels/0]',
      ].join("\n"),
    );
    expect(r.stderr).toContain([`${fixtures}/rules/bad.yml`, "  error alerts/template"].join("\n"));
    expect(r.stderr).toContain(
      [
        "  error alerts/template [line 10:20, group api-service-bad, rule ApiServiceDown, at /annotations/summary]",
        '    Annotation "summary", column 1: Unclosed action: "{{" has no matching "}}".',
        "    {{ $labels.instance is down",
        "    ^",
      ].join("\n"),
    );
    expect(r.stderr).toMatch(/\n\d+ error\(s\), 1 warning\(s\)\nChecked 2 file\(s\)\.\n$/);
  });

  it("fails on warnings only with --strict", () => {
    const dashboard = JSON.parse(
      readFileSync(join(repoRoot, fixtures, "dashboards/nested-rows.json"), "utf8"),
    );
    dashboard.panels[1].targets[0].expr = 'up{job=~"api"}';
    const file = join(tmp, "regexp.json");
    writeFileSync(file, JSON.stringify(dashboard, null, 2));
    const lenient = check([file]);
    expect(lenient.stderr).toContain("warning promql/regexp");
    expect(lenient.status).toBe(0);
    expect(check([file, "--strict"]).status).toBe(1);
  });

  it("explains its usage, and reports a path it cannot read", () => {
    const usage = check([]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain(
      "Usage: npm run check -- <dashboard.json | rules.yml | folder>...",
    );
    const missing = check(["no/such/dashboard.json", "--format", "json"]);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual([
      {
        rule: "check/input",
        severity: "fatal",
        where: { file: "no/such/dashboard.json" },
        message: "Cannot read it (it does not exist, or is a link to nothing: check the path).",
      },
    ]);
  });
});
