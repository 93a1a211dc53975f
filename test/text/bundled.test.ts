/**
 * Bundle positions told back as source positions, from a real esbuild bundle with its source
 * map, the way scripts/launch.mjs writes them (absolute source URLs, a space in the path).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import {
  bundleFolder,
  sourcePosition,
  sourceStack,
  stackPositions,
} from "../../scripts/engine/text/bundled.ts";

const dir = mkdtempSync(join(tmpdir(), "mlmon bundled-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const source = join(dir, "src", "thrower.ts");
mkdirSync(join(dir, "src"));
writeFileSync(
  source,
  [
    "interface Shape { sides: number }",
    "const square: Shape = { sides: 4 };",
    "export function fail(): never {",
    "  throw new Error(`no ${square.sides}`);",
    "}",
    "",
  ].join("\n"),
);
const out = join(dir, "out", "bundle.mjs");

async function bundled(): Promise<string> {
  const r = await build({
    entryPoints: [source],
    bundle: true,
    format: "esm",
    platform: "node",
    sourcemap: true,
    write: false,
    outfile: out,
  });
  mkdirSync(join(dir, "out"), { recursive: true });
  for (const f of r.outputFiles) {
    if (!f.path.endsWith(".map")) writeFileSync(f.path, f.contents);
    else {
      const map = JSON.parse(f.text) as { sources: string[] };
      map.sources = map.sources.map((s) => new URL(s, pathToFileURL(f.path)).href);
      writeFileSync(f.path, JSON.stringify(map));
    }
  }
  // A process of its own: vitest maps the stacks of its own process already.
  const runner = join(dir, "out", "run.mjs");
  writeFileSync(
    runner,
    `import { fail } from "./bundle.mjs";\ntry { fail(); } catch (e) { process.stdout.write(e.stack); }\n`,
  );
  const { NODE_OPTIONS: _, ...env } = process.env;
  return spawnSync(process.execPath, [runner], { encoding: "utf8", env }).stdout;
}

describe("positions in a bundle", () => {
  it("a stack's frames in the bundle name the .ts line, in the form the frame had", async () => {
    const raw = await bundled();
    expect(raw).toContain(`${pathToFileURL(out).href}:`);
    const stack = sourceStack(raw);
    expect(stack).toContain(`${pathToFileURL(source).href}:4:9`);
    expect(stack).not.toContain("bundle.mjs");
  });

  it("reads each frame's position, at the source line, none for a frame without a file", async () => {
    const stack = `${await bundled()}\n    at new Promise (<anonymous>)`;
    const positions = stackPositions(stack);
    expect(positions[0]).toEqual({ file: source, line: 4, column: 9 });
    expect(positions.at(-1)).toBeUndefined();
  });

  it.each([
    ["a file that is no bundle", { file: join(dir, "src", "thrower.ts"), line: 4, column: 9 }],
    [
      "a bundle position with no map beside it",
      { file: join(dir, "none.mjs"), line: 1, column: 1 },
    ],
  ])("%s is returned as it is", (_name, p) => {
    expect(sourcePosition(p)).toEqual(p);
  });
});

describe("the bundle's folder", () => {
  it("is where the running bundle is, and none outside a bundle", async () => {
    const entry = join(dir, "src", "folder.ts");
    const module = join(import.meta.dirname, "../../scripts/engine/text/bundled.ts");
    writeFileSync(
      entry,
      `import { bundleFolder } from ${JSON.stringify(module)};\nprocess.stdout.write(String(bundleFolder()));\n`,
    );
    const folder = join(dir, "folder out");
    const file = join(folder, "folder.mjs");
    await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "node",
      sourcemap: true,
      outfile: file,
      logLevel: "silent",
    });
    const { NODE_OPTIONS: _, ...env } = process.env;
    const run = () => spawnSync(process.execPath, [file], { encoding: "utf8", env }).stdout;
    expect(run()).toBe(folder);
    // A bundle is one only with its map beside it (as bundled() finds positions).
    rmSync(`${file}.map`);
    expect(run()).toBe("undefined");
    expect(bundleFolder()).toBeUndefined();
  });
});
