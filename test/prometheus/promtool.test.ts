import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { parse, parseDocument } from "yaml";
import { ruleGroups } from "../../alerts/index.ts";
import { requireBinaries } from "../helpers/binaries.ts";
import { promtool } from "../helpers/promtool.ts";
import { repoRoot } from "../helpers/repo.ts";
import { alertsPath, stackRulesPath } from "../../scripts/engine/outputs.ts";
import { noInputTests, unitTestRules } from "../../scripts/engine/prometheus/unit-test-rules.ts";
import { toYaml } from "../../scripts/engine/render/yaml.ts";

const testsDir = "alerts/tests";
const testFiles = readdirSync(join(repoRoot, testsDir))
  .filter((f) => f.endsWith(".test.yml"))
  .sort()
  .map((f) => `${testsDir}/${f}`);
const count = (stack: boolean) =>
  ruleGroups.filter((g) => !!g.group.stack === stack).reduce((n, g) => n + g.group.rules.length, 0);
const ruleCount = count(false);
/** The rule file a group's tests read: the stack's own groups are in monitoring.yml. */
const ruleFileOf = (test: string) =>
  ruleGroups.find((g) => `${testsDir}/${g.group.name}.test.yml` === test)?.group.stack
    ? stackRulesPath
    : alertsPath;
const need = requireBinaries(["promtool"]);
const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const ruleFiles = [...new Set(testFiles.map(ruleFileOf))].sort();
/** A scratch directory, removed when the test finishes. */
function scratchDir(finished: typeof onTestFinished): string {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-promtool-"));
  finished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("alert unit test files", () => {
  it.each(testFiles)("%s tests its group's generated rule file", (file) => {
    const doc = parse(readFileSync(join(repoRoot, file), "utf8")) as { rule_files?: string[] };
    expect(doc.rule_files).toEqual([`../../${ruleFileOf(file)}`]);
  });
});

const promtoolBound = 5 * 60_000;

describe.skipIf(need.skip)(need.title("promtool"), () => {
  it(`check rules accepts ${alertsPath} with all ${ruleCount} rules`, async () => {
    const r = await promtool(["check", "rules", alertsPath], repoRoot);
    expect(r.output).toContain(`SUCCESS: ${ruleCount} rules found`);
    expect(r.status, r.output).toBe(0);
  });

  it(`check rules accepts ${stackRulesPath} with all ${count(true)} rules`, async () => {
    const r = await promtool(["check", "rules", stackRulesPath], repoRoot);
    expect(r.output).toContain(`SUCCESS: ${count(true)} rules found`);
    expect(r.status, r.output).toBe(0);
  });

  // Each test file runs on its rule file cut to the rules its tests need (unit-test-rules.ts):
  // promtool evaluates every rule of the file at every step, and most are other groups' SLO
  // recording rules. Bounded like the drills: promtool is stopped after 5 minutes.
  it.concurrent.for(testFiles)(
    "test rules %s passes",
    { timeout: promtoolBound + 10_000 },
    async (file, { expect, onTestFinished }) => {
      const scratch = scratchDir(onTestFinished);
      const source = read(file);
      writeFileSync(
        join(scratch, "rules.yml"),
        unitTestRules(parse(source), read(ruleFileOf(file))),
      );
      const copy = parseDocument(source);
      copy.set("rule_files", ["rules.yml"]);
      writeFileSync(join(scratch, basename(file)), copy.toString({ lineWidth: 0 }));
      const r = await promtool(["test", "rules", basename(file)], scratch, promtoolBound);
      expect(r.status, `${file}, on its cut rule file:\n${r.output}`).toBe(0);
      expect(r.output, file).toContain("SUCCESS");
    },
  );

  // What the cuts rest on: a rule of a part a test drops sees no input series in the whole file
  // either, so it must evaluate without error with none, at every step the tests reach.
  it.concurrent.for(ruleFiles)(
    "%s evaluates with no input series for as long as its unit tests run",
    { timeout: promtoolBound + 10_000 },
    async (ruleFile, { expect, onTestFinished }) => {
      const scratch = scratchDir(onTestFinished);
      const docs = testFiles.filter((f) => ruleFileOf(f) === ruleFile).map((f) => parse(read(f)));
      const names = noInputTests(docs, join(repoRoot, ruleFile)).map((doc, i) => {
        writeFileSync(join(scratch, `no-input-${i}.test.yml`), toYaml(doc));
        return `no-input-${i}.test.yml`;
      });
      const r = await promtool(["test", "rules", ...names], scratch, promtoolBound);
      expect(r.status, r.output).toBe(0);
    },
  );

  it("test rules fails, naming the alert, when a scenario expects what the rule does not do", async () => {
    const scratch = scratchDir(onTestFinished);
    const file = join(scratch, "wrong.test.yml");
    writeFileSync(
      file,
      [
        `rule_files: [${JSON.stringify(join(repoRoot, alertsPath))}]`,
        "tests:",
        "  - interval: 1m",
        "    input_series:",
        `      - { series: 'vllm:num_requests_waiting{job="ml-service", model_name="m"}', values: "25x10" }`,
        "    alert_rule_test:",
        "      - { eval_time: 10m, alertname: InferenceQueueBacklog, exp_alerts: [] }",
      ].join("\n") + "\n",
    );
    const r = await promtool(["test", "rules", file]);
    expect(r.status).toBe(1);
    expect(r.output).toContain("alertname: InferenceQueueBacklog");
    expect(r.output).toContain("FAILED");
  });
});
