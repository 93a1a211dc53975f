/**
 * Many drill part files to one promtool process: each file's status and output are what
 * running it alone gives, so a failing file need not run again.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { perFile } from "../../scripts/engine/prometheus/drills.ts";
import { runToolInOrder } from "../../scripts/engine/promtool/run.ts";
import { requireBinaries } from "../helpers/binaries.ts";

const need = requireBinaries(["promtool"]);
const dir = mkdtempSync(join(tmpdir(), "mlmon-drill-batch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, "rules.yml"),
  "groups:\n  - name: g\n    rules:\n      - alert: Big\n        expr: x > 10\n",
);
/** A test file asserting that nothing fires at 0 and 1m, on samples of x. */
const testFile = (name: string, values: string, rules = "rules.yml"): string => {
  const file = join(dir, `${name}.test.yml`);
  const exprs = ["0", "1m"].map(
    (t) => `      - { expr: 'ALERTS', eval_time: ${t}, exp_samples: [] }`,
  );
  const text = [
    `rule_files: [${rules}]`,
    "tests:",
    "  - interval: 1m",
    `    input_series: [{ series: 'x{job="j"}', values: "${values}" }]`,
    "    promql_expr_test:",
    ...exprs,
  ];
  writeFileSync(file, `${text.join("\n")}\n`);
  return file;
};
const files = [
  testFile("quiet", "1 2"),
  testFile("fires", "1 20"),
  testFile("no-rules", "1 2", "missing.yml"),
  testFile("fires-twice", "20 20"),
  testFile("quiet-again", "3 4"),
];
const promtoolTest = (f: string[]) => runToolInOrder("promtool", ["test", "rules", ...f]);

describe("perFile", () => {
  it("tells nothing of a run that did not finish as promtool does", () => {
    expect(perFile({ status: null, output: `Unit Testing:  ${files[0]}\n  SUCCESS\n` })).toEqual(
      new Map(),
    );
    expect(perFile({ status: 2, output: `Unit Testing:  ${files[0]}\n  SUCCESS\n` })).toEqual(
      new Map(),
    );
  });
});

describe.skipIf(need.skip)(need.title("promtool test rules of many files"), () => {
  it("gives each file the status and output of running it alone", async () => {
    const together = perFile(await promtoolTest(files));
    const alone = await Promise.all(files.map((f) => promtoolTest([f])));
    expect(files.map((f) => together.get(f))).toEqual(alone);
    expect(alone.map((r) => r.status)).toEqual([0, 1, 0, 1, 0]);
    expect(alone[1]!.output).toContain("exp: nil");
    expect(alone[2]!.output).toContain("WARNING: no file match pattern");
  });
});
