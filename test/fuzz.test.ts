/**
 * Property tests of `npm run check` (fast-check): random and mutated dashboards, rule files and
 * PromQL. Whatever the input, it ends within a bound, never throws, never hits a check's own
 * failure, and every finding is located: in the file checked, with a line, or in our catalogue.
 * A failing run prints the seed and the shrunk input that breaks it. The seed is fixed, so that
 * a run fails or passes as the one before it did (a test that fails on some runs only teaches
 * to run it again); `FUZZ_SEED=<n> npx vitest run test/fuzz.test.ts` explores other inputs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { checkPaths } from "../scripts/engine/commands/check.ts";
import { findingSeverities } from "../scripts/engine/findings.ts";
import { loadSources } from "../scripts/engine/sources/load.ts";
import { alertsPath, dashboardPath } from "../scripts/engine/outputs.ts";
import { repoRoot, runCli } from "./helpers/repo.ts";

const tmp = mkdtempSync(join(tmpdir(), "mlmon-fuzz-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sources = await loadSources(repoRoot);

/** A generous bound for one small file: a hang or a blow-up, not a speed target. */
const boundMs = 20_000;
let counter = 0;

async function checkText(ext: "json" | "yml", text: string): Promise<void> {
  const file = join(tmp, `case-${counter++}.${ext}`);
  writeFileSync(file, text);
  const start = performance.now();
  const { findings } = await checkPaths(tmp, [file], sources);
  expect(performance.now() - start).toBeLessThan(boundMs);
  for (const f of findings) {
    expect(f.rule).toMatch(/^[a-z]+\/[a-z-]+$/);
    expect(findingSeverities).toContain(f.severity);
    expect(f.message).not.toContain("The check itself failed");
    if (f.where.file.startsWith("config/")) continue; // our catalogue, located by its loader
    expect(f.where.file).toBe(file.slice(tmp.length + 1));
    expect(f.where.line, JSON.stringify(f)).toEqual(expect.any(Number));
  }
  rmSync(file);
}

const metricNames = [...sources.model!.catalogue.metrics.keys()];
/** PromQL made of its own tokens (and some that are not), so it often almost parses. */
const promql = fc
  .array(
    fc.oneof(
      fc.constantFrom(...metricNames.slice(0, 20)),
      fc.constantFrom(
        "sum",
        "rate",
        "by",
        "without",
        "histogram_quantile",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "[5m]",
        "[$__rate_interval]",
        '{job="$job"}',
        "job",
        "=~",
        "!~",
        "=",
        '"a|b"',
        '"[[:alpha:]]+"',
        '"(?=x)"',
        "+",
        "/",
        ">",
        "and",
        "or",
        "0.95",
        "NaN",
        "Inf",
        "$job",
        "${job:regex}",
        "[[job]]",
        "$__interval",
        ",",
        " ",
        "le",
        "offset 5m",
        "@ start()",
        "'",
        '"',
        "\\",
        "#",
      ),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 40 },
  )
  .map((tokens) => tokens.join(""));

/** A JSON value replaced, removed or added at a random place of `value`. */
function mutate(value: unknown, choices: number[], replacement: unknown): unknown {
  if (choices.length === 0 || value === null || typeof value !== "object") return replacement;
  const [pick, ...rest] = choices as [number, ...number[]];
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const i = pick % value.length;
    return value.map((v, j) => (j === i ? mutate(v, rest, replacement) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { extra: replacement };
  const key = keys[pick % keys.length]!;
  if (pick % 7 === 0) {
    const { [key]: _gone, ...others } = value as Record<string, unknown>;
    return others;
  }
  return { ...value, [key]: mutate((value as Record<string, unknown>)[key], rest, replacement) };
}

const dashboard = JSON.parse(
  readFileSync(join(repoRoot, dashboardPath("api-gateway", "ml-platform")), "utf8"),
) as unknown;
const rules = parse(readFileSync(join(repoRoot, alertsPath), "utf8")) as unknown;

const mutation = fc.record({
  choices: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  replacement: fc.oneof(promql, fc.jsonValue({ maxDepth: 3 })),
});
const seed = Number(process.env.FUZZ_SEED ?? 20261201);
const runs = { numRuns: 60, endOnFailure: true, seed };

describe("npm run check on generated input (fast-check)", () => {
  it("dashboards with a value replaced, removed or added anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (edits) => {
        const mutated = edits.reduce((d, e) => mutate(d, e.choices, e.replacement), dashboard);
        await checkText("json", JSON.stringify(mutated, null, 1));
      }),
      runs,
    );
  });

  it("rule files with a value replaced, removed or added anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (edits) => {
        const mutated = edits.reduce((d, e) => mutate(d, e.choices, e.replacement), rules);
        await checkText("yml", stringify(mutated));
      }),
      runs,
    );
  });

  it("random PromQL in a panel and in an alert", async () => {
    await fc.assert(
      fc.asyncProperty(promql, async (expr) => {
        await checkText("json", JSON.stringify(mutate(dashboard, [0, 1, 0, 0], expr)));
        await checkText(
          "yml",
          stringify({ groups: [{ name: "g", rules: [{ alert: "A", expr, for: "5m" }] }] }),
        );
      }),
      runs,
    );
  });

  it("text cut and spliced at random: broken JSON and YAML", async () => {
    const json = JSON.stringify(dashboard, null, 2);
    const yaml = stringify(rules);
    const splice = (text: string, at: number, cut: number, insert: string) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + (cut % 50));
    };
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), async (at, cut, insert) => {
        await checkText("json", splice(json, at, cut, insert));
        await checkText("yml", splice(yaml, at, cut, insert));
      }),
      runs,
    );
  });

  it("the command exits 0, 1 or 2 only, and --format json is always JSON", () => {
    const samples = fc.sample(mutation, { numRuns: 4, seed });
    const files = samples.map((e, i) => {
      const file = join(tmp, `cli-${i}.json`);
      writeFileSync(file, JSON.stringify(mutate(dashboard, e.choices, e.replacement)));
      return file;
    });
    const r = runCli(repoRoot, "check", [...files, "--format", "json"]);
    expect([0, 1], `seed ${seed}`).toContain(r.status);
    expect(() => JSON.parse(r.stdout) as unknown, `seed ${seed}`).not.toThrow();
    expect(runCli(repoRoot, "check", ["--nope"]).status).toBe(2);
  });
});
