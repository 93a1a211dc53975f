/**
 * `build` and `check` report in SARIF, GitHub and JUnit: a finding on a panel of a .ts
 * dashboard lands on the line of that panel's object in the source, one on a foreign rule file
 * on its YAML line; promtool's word on a rule lands on the rule's `alert(...)` call.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBinaries } from "../helpers/binaries.ts";
import { copyRepo, repoRoot, runCli } from "../helpers/repo.ts";
import { validateSarif } from "../helpers/sarif.ts";

interface SarifResult {
  ruleId: string;
  level: string;
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region?: { startLine: number; startColumn?: number };
    };
    logicalLocations?: { name: string }[];
  }[];
}

const results = (stdout: string): SarifResult[] => {
  const log = JSON.parse(stdout);
  expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
  return log.runs[0].results;
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("build and check in CI formats", () => {
  let dir: string;
  let source: string;

  beforeAll(() => {
    dir = copyRepo();
    dirs.push(dir);
    const file = join(dir, "dashboards/api-gateway.ts");
    // A regex matcher without a regex on the "Targets up" panel: a promql/regexp warning.
    source = readFileSync(file, "utf8").replace(
      "sum(up{${sel}})",
      'sum(up{${sel}, job=~"api-gateway"})',
    );
    writeFileSync(file, source);
  });

  it("--format sarif: valid SARIF 2.1.0, the panel finding at the panel's line of dashboards/api-gateway.ts", () => {
    const r = runCli(dir, "build", ["--check", "--format", "sarif"]);
    const [finding, ...rest] = results(r.stdout);
    expect(rest).toEqual([]);
    expect(finding!.ruleId).toBe("promql/regexp");
    expect(finding!.level).toBe("warning");
    const at = finding!.locations[0]!;
    expect(at.physicalLocation.artifactLocation.uri).toBe("dashboards/api-gateway.ts");
    expect(at.logicalLocations?.[0]?.name).toBe("Targets up");
    // The region starts at the `{` of the panel's object literal, which names the panel.
    const lines = source.split("\n");
    const { startLine, startColumn } = at.physicalLocation.region!;
    expect(lines[startLine - 1]!.slice(startColumn! - 1)).toBe("{");
    const object = lines.slice(startLine - 1, startLine + 3).join("\n");
    expect(object).toMatch(/kind: "stat",\s+title: "Targets up",/);
  });

  it("--format github: the same finding as an annotation on that line", () => {
    const r = runCli(dir, "build", ["--check", "--format", "github"]);
    expect(r.stdout).toMatch(
      /^::warning file=dashboards\/api-gateway\.ts,line=\d+,col=\d+,title=promql\/regexp::\[dashboard api-gateway, panel "Targets up" .*\n$/,
    );
  });

  it("--format junit: a passing case for a warning, a failure under --strict", () => {
    const lenient = runCli(dir, "build", ["--check", "--format", "junit"]);
    expect(lenient.stdout).toContain('<testsuites name="build" tests="1" failures="0" errors="0">');
    expect(lenient.stdout).toContain(
      '<testsuite name="dashboards/api-gateway.ts" tests="1" failures="0"',
    );
    const strict = runCli(dir, "build", ["--check", "--strict", "--format", "junit"]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('<failure type="promql/regexp"');
  });

  it("check --format sarif on a foreign rule file: valid, at the YAML lines", () => {
    const r = runCli(repoRoot, "check", ["test/fixtures/check/rules/bad.yml", "--format", "sarif"]);
    expect(r.status).toBe(1);
    const found = results(r.stdout);
    expect(found.length).toBeGreaterThan(1);
    for (const f of found) {
      expect(f.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
        "test/fixtures/check/rules/bad.yml",
      );
      expect(f.locations[0]!.physicalLocation.region?.startLine).toBeGreaterThan(0);
    }
  });
});

const promtool = requireBinaries(["promtool"]);

describe.skipIf(promtool.skip)(
  promtool.title("promtool's findings on a rule, at the rule's source"),
  () => {
    it("lands on the alert(...) call of alerts/targets.ts, the rendered line kept in the message", () => {
      const d = copyRepo();
      dirs.push(d);
      const file = join(d, "alerts/targets.ts");
      // A quoted metric name parses with the (Prometheus 3) grammar; the installed Prometheus
      // (2.42) rejects it, and only promtool tells (functions newer than 2.42 are caught before).
      const text = readFileSync(file, "utf8").replace(
        "(up{job=~${jobs}})",
        '({"up", job=~${jobs}})',
      );
      writeFileSync(file, text);
      const [finding] = results(runCli(d, "build", ["--format", "sarif"]).stdout);
      expect(finding!.ruleId).toBe("promtool/check-rules");
      const at = finding!.locations[0]!.physicalLocation;
      expect(at.artifactLocation.uri).toBe("alerts/targets.ts");
      const lines = text.split("\n");
      expect(lines[at.region!.startLine - 1]!.slice(at.region!.startColumn! - 1)).toBe("alert({");
      expect(lines.slice(at.region!.startLine - 1, at.region!.startLine + 1).join("\n")).toContain(
        'alert: "JobDown"',
      );
      expect(JSON.stringify(finding)).toMatch(/in config\/prometheus\/alerts\.yml line \d+/);
    });
  },
);
