/**
 * Runs drills on the real promtool: each drill's test file in a scratch folder, against a rule
 * file, and promtool's failures told back as what the drill expected and what happened.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DrillSource } from "../model/drills.ts";
import { promtool } from "../promtool/run.ts";
import { drillTest, type Meanings } from "./drill-test.ts";

/** One broken assertion, over every step it broke at. */
export interface DrillFailure {
  /** What was asserted ("nothing fires but X", "X fires (critical) by 10m ..."). */
  meaning: string;
  /** The steps it failed at, as promtool prints them ("12m30s"). */
  times: string[];
  /** Expected and actual ALERTS at the first of them. */
  expected: string;
  got: string;
}

export interface DrillResult {
  name: string;
  file: string;
  passed: boolean;
  failures: DrillFailure[];
  /** promtool's output, for what the failures above do not explain (a rule file it rejects). */
  output: string;
}

/** promtool's report of one failed promql_expr_test. */
const failedExpr = /expr: ("(?:[^"\\]|\\.)*"), time: ([^,\s]+),\s*\n\s*exp: (.*)\n\s*got: (.*)/g;

/** The longest a drill may run: the longest takes well under a minute on a shared machine. */
const drillTimeoutMs = 5 * 60_000;

/** promtool prints sample values in Go's %E: `1E+00` reads better as `1`. */
const plainNumbers = (samples: string): string =>
  samples.replace(/(?<=\} )-?\d(?:\.\d+)?E[+-]\d+/g, (v) => String(Number(v)));

/** promtool's failures, grouped by what the drill asserted. */
export function parseDrillOutput(output: string, meanings: Meanings): DrillFailure[] {
  const byMeaning = new Map<string, DrillFailure>();
  for (const m of output.matchAll(failedExpr)) {
    const expr = JSON.parse(m[1]!) as string;
    const meaning = meanings.get(expr) ?? expr;
    const failure = byMeaning.get(meaning);
    if (failure) failure.times.push(m[2]!);
    else {
      const [expected, got] = [m[3]!, m[4]!].map(plainNumbers) as [string, string];
      byMeaning.set(meaning, { meaning, times: [m[2]!], expected, got });
    }
  }
  return [...byMeaning.values()];
}

/** Run one drill against a rule file's text (a rendered alerts.yml, or any rule file). */
export async function runDrill(source: DrillSource, rules: string): Promise<DrillResult> {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-drill-"));
  try {
    const rulesFile = join(dir, "rules.yml");
    writeFileSync(rulesFile, rules);
    const test = drillTest(source, rulesFile);
    const file = join(dir, `${test.name}.test.yml`);
    writeFileSync(file, test.text);
    const run = await promtool(["test", "rules", file], undefined, drillTimeoutMs);
    const status = run.status;
    const output =
      status === null
        ? `promtool did not finish within ${drillTimeoutMs / 1000} s and was stopped: shorten the drill or lengthen its step.\n${run.output}`
        : run.output;
    return {
      name: test.name,
      file: source.file,
      passed: status === 0,
      failures: status === 0 ? [] : parseDrillOutput(output, test.meanings),
      output,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A drill's result for people: PASS, or each broken expectation with when and what fired. */
export function formatDrillResult(r: DrillResult): string {
  if (r.passed) return `PASS ${r.name}`;
  const lines = [`FAIL ${r.name} (${r.file})`];
  for (const f of r.failures) {
    const more =
      f.times.length > 1 ? ` and ${f.times.length - 1} later steps (to ${f.times.at(-1)})` : "";
    lines.push(`  expected: ${f.meaning}`, `    at ${f.times[0]}${more}`);
    lines.push(`    wanted: ${f.expected}`, `    got:    ${f.got}`);
  }
  if (r.failures.length === 0) lines.push(r.output.trim().replace(/^/gm, "  "));
  return lines.join("\n");
}
