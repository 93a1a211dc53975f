import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { parse } from "yaml";
import { ruleGroups } from "../../alerts/index.ts";
import { requireBinaries } from "../helpers/binaries.ts";
import { promtool } from "../helpers/promtool.ts";
import { repoRoot } from "../helpers/repo.ts";
import { alertsPath, stackRulesPath } from "../../scripts/engine/outputs.ts";

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

  // api-service's burn-rate scenarios take promtool some 20 s of CPU: on a loaded machine more
  // than vitest's minute. Bounded like the drills: promtool is stopped after 5 minutes.
  it.concurrent.each(testFiles)(
    "test rules %s passes",
    async (file) => {
      const r = await promtool(["test", "rules", file], repoRoot, promtoolBound);
      expect(r.status, r.output).toBe(0);
      expect(r.output).toContain("SUCCESS");
    },
    promtoolBound + 10_000,
  );

  it("test rules fails, naming the alert, when a scenario expects what the rule does not do", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "mlmon-promtool-"));
    onTestFinished(() => rmSync(scratch, { recursive: true, force: true }));
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
