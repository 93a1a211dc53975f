/**
 * scripts/launch.mjs on a checkout of its own: the launcher's files, what its bundle's entry
 * imports, and probe commands written here (a bundle of a few modules is quick to make). Real
 * processes on real files: each run bundles when an input has changed. A changed source must
 * never run stale code, whatever its stat says.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputsDigest } from "../scripts/launch-inputs.mjs";
import { repoRoot } from "./helpers/repo.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const dir = mkdtempSync(join(tmpdir(), "mlmon launch-"));
const cache = join(
  repoRoot,
  "node_modules/.cache/mlmon",
  createHash("sha256").update(dir).digest("hex").slice(0, 12),
);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

const copied = [
  "scripts/launch.mjs",
  "scripts/launch-inputs.mjs",
  "scripts/engine/sources/import-source.ts",
];
const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), text);
};
/** A moment long past, in whole seconds: a modification time that can be put back exactly. */
const past = new Date("2020-01-01T00:00:00Z");
const word = "scripts/probe-word.ts";
const wordText = (w: string) => `export const word = (): string => "${w}";\n`;
const setWord = (w: string) => {
  write(word, wordText(w));
  utimesSync(join(dir, word), past, past);
};
/** The word file saying `w`, last changed over a second ago: its stat then vouches for it. */
async function settledWord(w: string): Promise<void> {
  if (readFileSync(join(dir, word), "utf8") !== wordText(w)) setWord(w);
  const changed = statSync(join(dir, word)).ctimeMs;
  while (Date.now() < changed + 1100) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeAll(async () => {
  for (const f of copied) cpSync(join(repoRoot, f), join(dir, f));
  cpSync(join(repoRoot, "package-lock.json"), join(dir, "package-lock.json"));
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  setWord("one");
  // Like every command's entry: its work awaited at the end of the module.
  write(
    "scripts/probe.ts",
    [
      `import { word } from "./probe-word.ts";`,
      `async function main(): Promise<void> {`,
      `  await new Promise((resolve) => setTimeout(resolve, 1));`,
      `  process.stdout.write(word() + "\\n");`,
      `  process.exitCode = 3;`,
      `}`,
      `await main();`,
      ``,
    ].join("\n"),
  );
});

const run = (command: string, nodeArgs: string[] = []) => {
  const { NODE_OPTIONS: _, ...env } = process.env;
  const r = spawnSync(process.execPath, [...nodeArgs, "scripts/launch.mjs", command], {
    cwd: dir,
    env,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const probeSays = (w: string) =>
  expect(run("probe")).toEqual({ status: 3, stdout: `${w}\n`, stderr: "" });

describe("scripts/launch.mjs", () => {
  it("runs the entry to its awaited end", () => {
    probeSays("one");
  });

  it.each([
    ["edited in place", () => writeFileSync(join(dir, word), wordText("two"))],
    [
      "replaced by another file",
      () => {
        const staged = join(dir, "scripts/staged.txt");
        writeFileSync(staged, wordText("two"));
        renameSync(staged, join(dir, word));
      },
    ],
  ])(
    "an input %s, of the same size, with its modification time put back, runs as it is now",
    async (_how, edit) => {
      await settledWord("one");
      probeSays("one");
      // What was read above is vouched for by its stat: the next run reads it no more.
      const record = JSON.parse(readFileSync(join(cache, "inputs.json"), "utf8")) as object;
      expect(Object.keys(record)).toContain(word);
      edit();
      utimesSync(join(dir, word), past, past);
      probeSays("two");
      // Recorded only as it is now (or not at all, when read under a second after the edit).
      const again = JSON.parse(readFileSync(join(cache, "inputs.json"), "utf8")) as Record<
        string,
        [string, string]
      >;
      if (again[word]) expect(again[word][1]).toBe(sha256(wordText("two")));
      probeSays("two");
    },
  );

  it("a file changed under a second before it is read is not vouched for by its stat", () => {
    const record = join(dir, "scratch-record.json");
    const changed = Math.floor(statSync(join(dir, word)).ctimeMs);
    inputsDigest(dir, [word], record, "salt", changed + 500);
    expect(JSON.parse(readFileSync(record, "utf8"))).toEqual({});
    inputsDigest(dir, [word], record, "salt", changed + 1500);
    expect(Object.keys(JSON.parse(readFileSync(record, "utf8")) as object)).toEqual([word]);
  });

  it("a record of the inputs that cannot be read is read past, and written again", () => {
    setWord("one");
    for (const garbage of ["", "{not json", "null", '{"scripts/probe-word.ts": 7}']) {
      writeFileSync(join(cache, "inputs.json"), garbage);
      probeSays("one");
      expect(readFileSync(join(cache, "inputs.json"), "utf8")).not.toBe(garbage);
    }
  });
});
