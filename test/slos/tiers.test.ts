/**
 * Every tier of every SLO proven both ways on the real promtool (test/slos/scenarios.ts): it
 * fires at its burn rate once its long window holds it, resolves with its short window, stays
 * quiet just under its rate and on fewer failed events than its floor, pages a quiet night's outage; and every recorded series reads right.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { groupToYaml } from "../../scripts/engine/render/alerts.ts";
import { toYaml } from "../../scripts/engine/render/yaml.ts";
import { requireBinaries } from "../helpers/binaries.ts";
import { repoModel } from "../helpers/fixture-model.ts";
import { promtool } from "../helpers/promtool.ts";
import type { RuleGroup } from "../../scripts/engine/model/rules.ts";
import { sloTestFiles, type PromtoolTestFile } from "./scenarios.ts";

const model = await repoModel();
const need = requireBinaries(["promtool"]);
/** promtool's own bound per file: a loaded machine is slow, not failing. */
const timeout = 5 * 60_000;

const cases = model.slos.map(({ slo }) => {
  const group = model.ruleGroups.find((g) => g.group.name === `slo-${slo.name}`)?.group;
  if (!group) throw new Error(`SLO ${slo.name} has no rule group slo-${slo.name}`);
  return { slo, group, files: sloTestFiles(slo, group) };
});

describe.skipIf(need.skip)(need.title("SLO rules on promtool"), () => {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-slo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** promtool on one test file against one rule group. */
  const run = async (name: string, group: RuleGroup, file: PromtoolTestFile) => {
    const stem = join(dir, name.replaceAll(" ", "-"));
    writeFileSync(`${stem}.rules.yml`, toYaml({ groups: [groupToYaml(group)] }));
    const { name: _name, ...test } = file;
    writeFileSync(`${stem}.test.yml`, toYaml({ rule_files: [`${stem}.rules.yml`], ...test }));
    return promtool(["test", "rules", `${stem}.test.yml`], undefined, timeout);
  };

  it.concurrent.each(
    cases.flatMap(({ group, files }) => files.map((f) => [f.name, group, f] as const)),
  )(
    "%s",
    async (name, group, file) => {
      const r = await run(name, group, file);
      expect(r.output).toContain("SUCCESS");
      expect(r.status, r.output).toBe(0);
    },
    timeout,
  );

  // The scenarios catch a broken generator: each mutation of the 1h page tier of API
  // availability fails the scenario named (run alone: the others are not what it asserts).
  const { group, files } = cases.find((c) => c.slo.name === "api-availability")!;
  const tier = files.find((f) => f.name.endsWith("tier 1h"))!;
  const mutated = (edit: (expr: string) => string): RuleGroup => ({
    ...group,
    rules: group.rules.map((r) =>
      r.kind === "alert" && r.alert === "ApiAvailabilityBudgetBurn1h"
        ? { ...r, expr: edit(r.expr) }
        : r,
    ),
  });
  it.concurrent.each<[string, (expr: string) => string, string]>([
    [
      "without its floor on failed events",
      (e) => e.replace(/ and slo:sli_error:rate1h\S+ \* 3600 > \S+$/, ""),
      "stays quiet on 10 failed events",
    ],
    [
      // As it was: a floor on traffic keeps a quiet night's outage from paging.
      "with a floor on traffic instead",
      (e) =>
        e.replace(
          / and slo:sli_error:rate1h(\S+) \* 3600 > \S+$/,
          " and slo:sli_valid:rate5m$1 > 0.5",
        ),
      "fires when every event fails",
    ],
    [
      "on the short window alone",
      (e) => e.replace("ratio_rate1h{", "ratio_rate5m{"),
      "once the 1h window holds enough of it",
    ],
    ["at twice its threshold", (e) => e.replaceAll("> 0.0144", "> 0.0288"), "fires at 1.25"],
  ])(
    "fails %s",
    async (what, edit, scenario) => {
      const tests = tier.tests.filter((t) => t.name.includes(scenario));
      expect(tests).toHaveLength(1);
      const r = await run(`mutant ${what}`, mutated(edit), { ...tier, tests });
      expect(r.status).toBe(1);
      expect(r.output).toContain(scenario);
    },
    timeout,
  );
});
