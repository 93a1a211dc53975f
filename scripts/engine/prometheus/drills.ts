/**
 * Runs drills on the real promtool: each drill's test file in a scratch folder, against a rule
 * file, and promtool's failures told back as what the drill expected and what happened.
 * `runDrills` runs many at once in parts (drill-parts.ts), each distinct part once.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DrillSource } from "../model/drills.ts";
import { promtool, runToolInOrder, type ToolOutput } from "../promtool/run.ts";
import {
  drillParts,
  partPlan,
  provenBy,
  quietRun,
  ruleParts,
  type QuietRun,
  type RulePart,
} from "./drill-parts.ts";
import {
  drillPlan,
  drillTest,
  drillTestText,
  type DrillPlan,
  type Meanings,
} from "./drill-test.ts";

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

/** Run one drill, whole, against a rule file's text (a rendered alerts.yml, or any rule file). */
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

/** A drill to run: which, and against what rule file's text. */
export interface DrillRun {
  source: DrillSource;
  rules: string;
}

/** Run `f` on every item, at most `n` at a time, results in the items' order. */
export async function inTurn<T, R>(
  items: readonly T[],
  n: number,
  f: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
  return results;
}

/** One promtool test file of a part: its rule file, and the test reading it as `rulesAt`. */
interface PartJob {
  rules: string;
  test: string;
  /** What it evaluates, when all it asserts is that nothing fires. */
  quiet?: QuietRun;
}

const rulesAt = "rules.yml";
const jobKey = (j: PartJob): string => JSON.stringify([j.rules, j.test]);

const passedRun: ToolOutput = { status: 0, output: "" };

/**
 * Each test file's status and output in a run of `promtool test rules` on several, as running
 * it alone gives them: promtool prints each file's name, then SUCCESS, or FAILED: and its
 * failures. None when promtool did not finish as it does on failing tests (stopped, crashed).
 */
export function perFile(run: ToolOutput): Map<string, ToolOutput> {
  const told = new Map<string, ToolOutput>();
  if (run.status !== 0 && run.status !== 1) return told;
  for (const section of run.output.split(/^(?=Unit Testing: )/m)) {
    const [header, ...lines] = section.split("\n");
    const file = /^Unit Testing: +(.*)$/.exec(header!)?.[1]?.trim();
    const verdict = lines.map((l) => l.trim()).find((l) => l === "SUCCESS" || l === "FAILED:");
    if (file && verdict) told.set(file, { status: verdict === "SUCCESS" ? 0 : 1, output: section });
  }
  return told;
}

const promtoolTest = (files: string[]): Promise<ToolOutput> =>
  runToolInOrder("promtool", ["test", "rules", ...files], drillTimeoutMs * files.length);

/** Run part files, several to a promtool process (`lanes` processes at once), into `done`. */
async function runFiles(
  jobs: [string, PartJob][],
  done: Map<string, ToolOutput>,
  dir: string,
  lanes: number,
) {
  const files = jobs.map(([key, job]) => {
    const at = mkdtempSync(join(dir, "part-"));
    writeFileSync(join(at, rulesAt), job.rules);
    writeFileSync(join(at, "test.yml"), job.test);
    return { key, file: join(at, "test.yml") };
  });
  const size = Math.max(1, Math.ceil(files.length / (lanes * 4)));
  const batches = Array.from({ length: Math.ceil(files.length / size) }, (_, b) =>
    files.slice(b * size, (b + 1) * size),
  );
  await inTurn(batches, lanes, async (batch) => {
    const run = await promtoolTest(batch.map((f) => f.file));
    if (batch.length === 1) return void done.set(batch[0]!.key, run);
    // A file promtool's output says nothing clear of runs again alone.
    const told = perFile(run);
    for (const { key, file } of batch) {
      done.set(key, told.get(file) ?? (await promtoolTest([file])));
    }
  });
}

/**
 * Run the part files not run yet into `done`. A quiet one that a longer quiet one proves
 * (`provenBy`) runs only when none of those passed.
 */
async function runJobs(jobs: PartJob[], done: Map<string, ToolOutput>, dir: string, lanes: number) {
  const todo = [...new Map(jobs.map((j) => [jobKey(j), j])).entries()].filter(
    ([key]) => !done.has(key),
  );
  // Of two runs that prove each other, the one of the smaller key proves the other.
  const proves = ([k, j]: [string, PartJob], [key, job]: [string, PartJob]) =>
    k !== key &&
    !!j.quiet &&
    !!job.quiet &&
    provenBy(j.quiet, job.quiet) &&
    !(provenBy(job.quiet, j.quiet) && key < k);
  const provers = new Map(todo.map((t) => [t[0], todo.filter((j) => proves(j, t))]));
  // The longest of each chain: proved by none.
  await runFiles(
    todo.filter(([key]) => provers.get(key)!.length === 0),
    done,
    dir,
    lanes,
  );
  for (const [key, by] of provers) {
    if (by.some(([k]) => done.get(k)?.status === 0)) done.set(key, passedRun);
  }
  await runFiles(
    todo.filter(([key]) => !done.has(key)),
    done,
    dir,
    lanes,
  );
}

/** A drill's part jobs (none: it runs whole); `exact`: which parts keep the drill's assertions. */
function partJobs(plan: DrillPlan, parts: RulePart[] | undefined, exact: (k: number) => boolean) {
  return parts
    ? drillParts(plan, parts).map((part, k) => {
        const quiet = exact(k) ? undefined : quietRun(plan, part);
        return {
          rules: part.rules,
          test: drillTestText(partPlan(plan, part, exact(k)), rulesAt),
          ...(quiet ? { quiet } : {}),
        };
      })
    : undefined;
}

/** What the parts tell of a drill: passed, failed as the one failing part says, or undecided. */
function fromParts(source: DrillSource, p: DrillPlan, runs: ToolOutput[]): DrillResult | undefined {
  const base = { name: p.name, file: source.file };
  const failed = runs.filter((r) => r.status !== 0);
  if (failed.length === 0) return { ...base, passed: true, failures: [], output: "" };
  if (failed.length > 1 || failed[0]!.status === null) return undefined;
  const failures = parseDrillOutput(failed[0]!.output, p.meanings);
  if (failures.length === 0) return undefined;
  return { ...base, passed: false, failures, output: failed[0]!.output };
}

/**
 * Many drills, each against its rule file, with the results `runDrill` gives each (see
 * drill-parts.ts for why): in parts, each distinct part once, `lanes` promtool processes at
 * once; a drill its parts cannot decide runs whole.
 */
export async function runDrills(runs: readonly DrillRun[], lanes = 2): Promise<DrillResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-drills-"));
  try {
    const partsOf = new Map<string, RulePart[] | undefined>();
    for (const { rules } of runs) if (!partsOf.has(rules)) partsOf.set(rules, ruleParts(rules));
    const plans = runs.map((run) => drillPlan(run.source));
    const done = new Map<string, ToolOutput>();
    const quick = runs.map((run, r) => partJobs(plans[r]!, partsOf.get(run.rules), () => false));
    await runJobs(
      quick.flatMap((j) => j ?? []),
      done,
      dir,
      lanes,
    );
    // A part that failed "nothing fires" runs again with the drill's own assertions.
    const failed = (r: number) => (k: number) => done.get(jobKey(quick[r]![k]!))!.status !== 0;
    const exact = runs.map((run, r) => partJobs(plans[r]!, partsOf.get(run.rules), failed(r)));
    await runJobs(
      exact.flatMap((j) => j ?? []),
      done,
      dir,
      lanes,
    );
    const decided = runs.map((run, r) => {
      const jobs = exact[r];
      return (
        jobs &&
        fromParts(
          run.source,
          plans[r]!,
          jobs.map((j) => done.get(jobKey(j))!),
        )
      );
    });
    const whole = runs.filter((_, r) => !decided[r]);
    const wholeResults = await inTurn(whole, lanes, (run) => runDrill(run.source, run.rules));
    return decided.map((d) => d ?? wholeResults.shift()!);
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
