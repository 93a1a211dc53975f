/**
 * scripts/launch.mjs on a checkout of its own: the launcher's files, what its bundle's entry
 * imports, and probe commands written here (a bundle of a few modules is quick to make). Real
 * processes on real files: each run bundles when an input has changed, and runs the bundle
 * with the V8 code cache kept beside it. A changed source must never run stale code, whatever
 * its stat says; a cache that is corrupt, of other bytes or of another V8 must never break a
 * run, and is made again; code compiled from the cache imports what no bundle holds.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
} from "node:fs";
import { renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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
  "scripts/launch-code-cache.mjs",
  "scripts/launch-inputs.mjs",
  "scripts/launch-source-map.mjs",
  "scripts/engine/dynamic-import.ts",
  "scripts/engine/sources/import-source.ts",
  "scripts/engine/text/bundled.ts",
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
  // Modules no bundle holds: a foreign source (TypeScript: through tsx), a plain ES module and
  // a package, each imported by the engine's dynamicImport.
  write("package.json", `{ "type": "module" }\n`);
  write("elsewhere/team.ts", `const team: string = "team";\nexport default team;\n`);
  write("elsewhere/source.ts", `const source: string = "source";\nexport default source;\n`);
  write("elsewhere/plain.mjs", `export default "plain";\n`);
  write(
    "scripts/foreign.ts",
    [
      `import { join } from "node:path";`,
      `import { dynamicImport } from "./engine/dynamic-import.ts";`,
      `import { importSource, importWritten } from "./engine/sources/import-source.ts";`,
      `const at = (f: string) => join(import.meta.dirname, "../elsewhere", f);`,
      `async function main(): Promise<void> {`,
      // A foreign source before anything has registered tsx.
      `  const source = await importSource(at("source.ts"));`,
      `  const team = await importWritten(at("team.ts"));`,
      `  const plain = await importSource(at("plain.mjs"));`,
      `  const picomatch = await dynamicImport("picomatch");`,
      `  process.stdout.write(\`\${team.default} \${plain.default} \${source.default} \${typeof picomatch.default}\\n\`);`,
      `}`,
      `await main();`,
      ``,
    ].join("\n"),
  );
  // Like the bench: an await before the end, which a CommonJS bundle cannot hold.
  write(
    "scripts/early.ts",
    [
      `import { dynamicImport } from "./engine/dynamic-import.ts";`,
      `const { sep } = await dynamicImport("node:path");`,
      `process.stdout.write(\`early \${sep}\\n\`);`,
      ``,
    ].join("\n"),
  );
  write("dashboards/where.ts", `export const where = (): string => new Error().stack ?? "";\n`);
  write(
    "scripts/where.ts",
    [
      `import { where } from "../dashboards/where.ts";`,
      `import { stackPositions } from "./engine/text/bundled.ts";`,
      `const [inSource, inScripts] = stackPositions(where());`,
      `process.stdout.write(JSON.stringify([inSource, inScripts]));`,
      `await Promise.resolve();`,
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

/** The bundle of `command` holding `text`, and the code cache files beside it. */
function bundleOf(command: string, text: string) {
  const folder = readdirSync(cache)
    .map((k) => join(cache, k))
    .find((f) => {
      const file = join(f, `${command}.cjs`);
      return existsSync(file) && readFileSync(file, "utf8").includes(text);
    });
  if (!folder) throw new Error(`no bundle of ${command} holds ${text}`);
  const caches = () => readdirSync(folder).filter((f) => f.endsWith(".v8cache"));
  return { folder, caches };
}
/** The one code cache of the probe's bundle holding `text`, its path and bytes. */
function codeCache(text: string) {
  const { folder, caches } = bundleOf("probe", `"${text}"`);
  expect(caches()).toHaveLength(1);
  const path = join(folder, caches()[0]!);
  return { path, bytes: readFileSync(path), ino: statSync(path).ino };
}
const probeSays = (w: string) =>
  expect(run("probe")).toEqual({ status: 3, stdout: `${w}\n`, stderr: "" });

describe("scripts/launch.mjs", () => {
  it("runs the entry to its awaited end; a second run compiles with the code cache the first wrote, and leaves it be", () => {
    probeSays("one");
    const first = codeCache("one");
    probeSays("one");
    const second = codeCache("one");
    expect(second.ino).toBe(first.ino);
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });

  it("imports what no bundle holds from code compiled with the code cache, nothing on stderr", () => {
    const says = { status: 0, stdout: "team plain source function\n", stderr: "" };
    expect(run("foreign")).toEqual(says);
    expect(bundleOf("foreign", "elsewhere").caches()).toHaveLength(1);
    expect(run("foreign")).toEqual(says);
  });

  it("bundles an entry that awaits before its end as ES modules, not through tsx", () => {
    expect(run("early")).toEqual({ status: 0, stdout: "early /\n", stderr: "" });
    const bundles = readdirSync(cache).filter((k) => existsSync(join(cache, k, "early.mjs")));
    expect(bundles).toHaveLength(1);
    expect(run("early")).toEqual({ status: 0, stdout: "early /\n", stderr: "" });
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

  const corruptions: [string, (cache: Buffer) => Buffer][] = [
    ["empty", () => Buffer.alloc(0)],
    ["cut short", (c) => c.subarray(0, c.length >> 1)],
    [
      "one byte of its code changed",
      (c) => {
        const changed = Buffer.from(c);
        changed[c.length - 9]! ^= 1;
        return changed;
      },
    ],
    ["not a cache at all", (c) => Buffer.alloc(c.length, "garbage")],
  ];
  it.each(corruptions)("a code cache %s is compiled without, and made again", (_how, corrupt) => {
    setWord("one");
    probeSays("one");
    const good = codeCache("one");
    writeFileSync(good.path, corrupt(good.bytes));
    probeSays("one");
    const made = codeCache("one");
    expect(made.bytes.length).toBeGreaterThan(0);
    expect(made.bytes.equals(corrupt(good.bytes))).toBe(false);
    probeSays("one");
    expect(codeCache("one").ino).toBe(made.ino);
  });

  it("a code cache of other bytes of the same length never runs: V8 itself would take it", () => {
    setWord("one");
    probeSays("one");
    const one = codeCache("one");
    setWord("two");
    probeSays("two");
    const two = codeCache("two");
    expect(readFileSync(join(two.path, "../probe.cjs")).length).toBe(
      readFileSync(join(one.path, "../probe.cjs")).length,
    );
    copyFileSync(one.path, two.path);
    probeSays("two");
    expect(codeCache("two").bytes.equals(one.bytes)).toBe(false);
  });

  it("a code cache V8 rejects (made under other flags) is compiled without, and made again", () => {
    setWord("one");
    probeSays("one");
    const own = codeCache("one");
    expect(run("probe", ["--stack-size=2000"]).stdout).toBe("one\n");
    const { folder, caches } = bundleOf("probe", `"one"`);
    const other = caches().find((f) => join(folder, f) !== own.path);
    expect(other).toBeDefined();
    const foreign = readFileSync(join(folder, other!));
    rmSync(join(folder, other!));
    writeFileSync(own.path, foreign);
    probeSays("one");
    const made = codeCache("one");
    expect(made.bytes.equals(foreign)).toBe(false);
    probeSays("one");
    expect(codeCache("one").ino).toBe(made.ino);
  });

  it("tells a position in the sources back by the small map, any other by the full one", () => {
    const r = run("where");
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([
      { file: join(dir, "dashboards/where.ts"), line: 1, column: 36 },
      { file: join(dir, "scripts/where.ts"), line: 3, column: 46 },
    ]);
    const { folder } = bundleOf("where", "stackPositions");
    const size = (suffix: string) => statSync(join(folder, `where.cjs${suffix}`)).size;
    expect(size(".sources.map")).toBeLessThan(size(".map"));
  });

  it("the small map tells every position in the sources what the full map does, and no other", () => {
    expect(run("where").status).toBe(0);
    const { folder } = bundleOf("where", "stackPositions");
    const map = (suffix: string) =>
      new SourceMap(JSON.parse(readFileSync(join(folder, `where.cjs${suffix}`), "utf8")));
    const [full, small] = [map(".map"), map(".sources.map")];
    const own = `${pathToFileURL(join(dir, "dashboards")).href}/`;
    const lines = readFileSync(join(folder, "where.cjs"), "utf8").split("\n");
    let inSources = 0;
    let elsewhere = 0;
    lines.forEach((text, line) => {
      for (let column = 0; column <= text.length; column++) {
        const entry = full.findEntry(line, column);
        const source = "originalSource" in entry ? entry.originalSource : undefined;
        const told = small.findEntry(line, column);
        if (source?.startsWith(own)) {
          inSources++;
          expect(told).toEqual(entry);
        } else {
          if (source) elsewhere++;
          expect("originalSource" in told ? told.originalSource : undefined).toBeUndefined();
        }
      }
    });
    expect(inSources).toBeGreaterThan(0);
    expect(elsewhere).toBeGreaterThan(inSources);
  });
});
