/**
 * `npm run check` on other teams' files: every file shape (findings located in the wrapping
 * file), folders with what is skipped counted, the config file, suppressions, catalogues.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCommand } from "../scripts/engine/commands/check.ts";
import type { Finding } from "../scripts/engine/findings.ts";
import { requireBinaries } from "./helpers/binaries.ts";
import { repoRoot, runCli, runInProcess, type CliRun } from "./helpers/repo.ts";

// In this process (test/check-cli.test.ts runs the command as a process), but where a test is
// of what one run keeps for the next (beside its bundle, so only a process has it).
const check = (args: string[]) => runInProcess(checkCommand, repoRoot, args);
const findingsOf = (r: CliRun) => ({
  status: r.status,
  findings: JSON.parse(r.stdout) as Finding[],
});
const json = async (args: string[]) => findingsOf(await check([...args, "--format", "json"]));
const brief = (fs: Finding[]) =>
  fs.map((f) => [
    f.where.file.replace(/^.*\/fixtures\/check\//, ""),
    f.rule,
    f.severity,
    f.where.line,
  ]);
const shapes = "test/fixtures/check/shapes";

describe("every file shape", () => {
  let findings: Finding[] = [];
  beforeAll(async () => {
    ({ findings } = await json([shapes]));
  });

  it("finds the dashboards and rule files inside wrappers, at their lines in the file", () => {
    expect(brief(findings.filter((f) => f.rule !== "promtool/check-rules"))).toEqual([
      ["shapes/configmap-list.yaml", "dashboard/undefined-variable", "error", 20],
      ["shapes/configmap-list.yaml", "promql/histogram-quantile", "error", 40],
      ["shapes/configmap-rules.yaml", "promql/counter-rate", "warning", 14],
      ["shapes/configmap-rules.yaml", "alerts/template", "error", 17],
      ["shapes/dashboard-resource.yaml", "promql/rate-on-gauge", "warning", 16],
      ["shapes/dashboard-resource.yaml", "check/input", "warning", 18],
      ["shapes/multi-document.yml", "check/input", "warning", 8],
      ["shapes/named-dashboards.json", "promql/syntax", "error", 11],
      ["shapes/prometheus-rule.yaml", "promql/syntax", "error", 12],
    ]);
    expect(findings.find((f) => f.where.line === 18)?.message).toContain(
      "dashboard.grafana.app/v2beta1 dashboard resource: its v2 schema (elements and layouts instead of panels and gridPos) is not supported yet",
    );
    expect(findings.find((f) => f.where.line === 8)?.message).toContain(
      "Prometheus reads only the first document of a rule file",
    );
  });

  it("names the dashboards of a file apart", () => {
    expect(findings.find((f) => f.rule === "promql/histogram-quantile")?.where.dashboard).toBe(
      "two",
    );
    expect(
      findings.find((f) => f.rule === "promql/syntax" && f.where.file.endsWith(".json"))?.where,
    ).toMatchObject({
      dashboard: "alpha",
      pointer: "/panels/0/targets/0/expr",
    });
  });

  it("reads empty rule files as Prometheus does, and counts what a folder holds that is neither", async () => {
    const r = await check([shapes]);
    expect(r.stderr).toContain(
      "Checked 9 file(s); skipped 2 that are not (1 a Grafana alerting provisioning file (Grafana-managed rules), not a Prometheus rule file; 1 neither a Grafana dashboard nor a Prometheus rule file)",
    );
    for (const empty of ["empty.yml", "empty-object.yml", "no-groups.yml"]) {
      expect(await json([`${shapes}/${empty}`])).toEqual({ status: 0, findings: [] });
    }
  });

  it("reports a file named on the command line that is neither", async () => {
    expect((await json([`${shapes}/values.yaml`])).findings).toEqual([
      expect.objectContaining({
        rule: "check/input",
        severity: "error",
        message: expect.stringContaining(
          "Not checked: neither a Grafana dashboard nor a Prometheus rule file.",
        ),
      }),
    ]);
  });

  it("checks our own deployment manifests clean: the ConfigMaps and the PrometheusRule", async () => {
    expect(await json(["config/kubernetes", "config/grafana/dashboards"])).toEqual({
      status: 0,
      findings: [],
    });
  });
});

const promtool = requireBinaries(["promtool"]);

describe.skipIf(promtool.skip)(promtool.title("promtool on rules cut out of their wrapper"), () => {
  it("runs on a PrometheusRule's and a ConfigMap's rule files, its findings on their rules", async () => {
    const { findings } = await json([
      `${shapes}/prometheus-rule.yaml`,
      `${shapes}/configmap-rules.yaml`,
    ]);
    // The ConfigMap's one promtool error is its template error, which alerts/template reports
    // (with the place in the template), so promtool's repeat of it is dropped; so is its word
    // on the PrometheusRule's syntax error (promql/syntax's). What only promtool knows stays.
    expect(
      brief(
        findings.filter((f) => f.rule === "promtool/check-rules" || f.rule === "alerts/template"),
      ),
    ).toEqual([
      ["shapes/configmap-rules.yaml", "alerts/template", "error", 17],
      ["shapes/prometheus-rule.yaml", "promtool/check-rules", "error", 16],
    ]);
  });
});

describe("the config file, found upward from each checked file", () => {
  const dir = "test/fixtures/check/configured";

  it("sets the profile, the Prometheus, severities, and disables rules for path globs", async () => {
    const r = await json([dir]);
    expect(brief(r.findings.filter((f) => f.rule !== "promtool/check-rules"))).toEqual([
      ["configured/.monitoring-check.yaml", "check/suppression", "error", 14],
      ["configured/.monitoring-check.yaml", "check/suppression", "warning", 16],
      // The platform profile holds a file to the schema strictly, as our own dashboards.
      ["configured/legacy/board.json", "schema/dashboard", "error", 1],
      ["configured/legacy/board.json", "promql/regexp", "info", 14],
      ["configured/rules.yml", "promql/prometheus-version", "error", 10],
      ["configured/rules.yml", "check/suppression", "error", 13],
      ["configured/rules.yml", "check/suppression", "warning", 13],
    ]);
    expect(r.findings[0]!.message).toContain("Suppression of promql/rate-interval has no reason");
    expect(r.findings[1]!.message).toContain("Suppression of alerts/for suppresses nothing");
  });

  it("counts what it suppressed in the summary line", async () => {
    expect((await check([dir])).stderr).toMatch(
      /\n\d+ error\(s\), 2 warning\(s\), 1 info, \d+ suppressed\n/,
    );
  });

  it("gives way to --profile", async () => {
    const r = await json([dir, "--profile", "community"]);
    expect(r.findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining("profile community leaves promql/rate-interval out"),
    );
  });

  it("is a finding itself when it is broken, and the files it covers are not checked", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "check-config-"));
    try {
      writeFileSync(
        join(tmp, ".monitoring-check.yaml"),
        "profile: everything\nseverity:\n  promql/regexp: loud\n",
      );
      writeFileSync(join(tmp, "rules.yml"), "groups: []\n");
      const r = await json([tmp]);
      expect(r.status).toBe(1);
      expect(r.findings.map((f) => [f.rule, f.severity, f.where.line, f.message])).toEqual([
        [
          "check/config",
          "fatal",
          1,
          expect.stringContaining(
            "/profile must be equal to one of the allowed values (platform, community)",
          ),
        ],
        ["check/config", "fatal", 3, expect.stringContaining("(fatal, error, warning, info)")],
      ]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("catalogues", () => {
  const tmp = mkdtempSync(join(tmpdir(), "check-catalogue-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const rules = join(tmp, "rules.yml");
  writeFileSync(
    rules,
    [
      "groups:",
      "  - name: g",
      "    rules:",
      // Our job: our catalogue holds (input_received is a counter; input_recieved is unknown).
      "      - record: a:ours",
      '        expr: sum(input_received{job="api-gateway"}) + sum(rate(input_recieved{job="api-gateway"}[5m]))',
      // Another job with a name we have: our buckets are not theirs.
      "      - alert: TheirLatency",
      '        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="theirs"}[5m]))) > 2',
      "        for: 5m",
    ].join("\n"),
  );

  it("ours applies to our jobs only on another team's files", async () => {
    const { findings } = await json([rules]);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ["promql/counter-rate", "error"],
      ["promql/unknown-metric", "error"],
    ]);
    expect(findings[1]!.message).toContain('of job "api-gateway"');
  });

  it("--no-catalogue: no name is unknown, types come from naming conventions", async () => {
    expect((await json([rules, "--no-catalogue"])).findings).toEqual([]);
  });

  it("--catalogue and --no-catalogue together are a usage error", async () => {
    expect((await check([rules, "--no-catalogue", "--catalogue", "config/metrics"])).status).toBe(
      2,
    );
  });
  it("a --catalogue two config groups share is read once: its findings once", async () => {
    const catalogue = join(tmp, "theirs.yaml");
    writeFileSync(
      catalogue,
      [
        "component: theirs",
        "description: Their service.",
        "jobs: [theirs]",
        "metrics:",
        "  - name: their_requests_total",
        "    type: countr",
        "    unit: requests",
        "    help: Requests.",
      ].join("\n"),
    );
    for (const group of ["a", "b"]) {
      mkdirSync(join(tmp, group));
      writeFileSync(join(tmp, group, ".monitoring-check.yaml"), "profile: community\n");
      writeFileSync(join(tmp, group, "rules.yml"), readFileSync(rules, "utf8"));
    }
    const { findings } = await json([join(tmp, "a"), join(tmp, "b"), "--catalogue", catalogue]);
    expect(findings.filter((f) => f.where.file.endsWith("theirs.yaml"))).toHaveLength(1);
  });

  it("a catalogue changed since the last run is read as it is now", () => {
    // Each text parsed is kept beside the bundle: the runs must still follow every edit.
    const catalogue = join(tmp, "edited.yaml");
    const text = (type: string) =>
      `component: theirs\ndescription: Theirs.\njobs: [theirs]\nmetrics:\n  - name: their_total\n    type: ${type}\n    unit: requests\n    help: Requests.\n`;
    const invalid = () => {
      const run = runCli(repoRoot, "check", [rules, "--catalogue", catalogue, "--format", "json"]);
      const { findings } = findingsOf(run);
      return findings.filter((f) => f.rule === "catalogue/invalid").length;
    };
    for (const [type, count] of [
      ["countr", 1],
      ["counter", 0],
      ["countr", 1],
    ] as const) {
      writeFileSync(catalogue, text(type));
      expect(invalid(), type).toBe(count);
    }
  });

  it("our recording rules are known under the platform profile, and only there", async () => {
    const file = join(tmp, "slo.yml");
    writeFileSync(
      file,
      'groups:\n  - name: g\n    rules:\n      - record: x:ours\n        expr: slo:sli_error:ratio_rate5m{job="api-service", slo="api-availability"} > 0.1\n',
    );
    const unknown = async (profile: string) =>
      (await json([file, "--profile", profile])).findings.filter(
        (f) => f.rule === "promql/unknown-metric",
      );
    expect(await unknown("platform")).toEqual([]);
    expect(await unknown("community")).toEqual([
      expect.objectContaining({ message: expect.stringContaining("no recording rule records it") }),
    ]);
  });
});
