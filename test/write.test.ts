import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compareOutputs, writeOutputs } from "../scripts/engine/write/outputs.ts";

const owned = ["out"];
let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

const setup = (files: Record<string, string>) => {
  root = mkdtempSync(join(tmpdir(), "mlmon-write-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
};
const listAll = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();

describe("writeOutputs", () => {
  it("writes missing and changed files, leaves unchanged ones, removes stale ones", () => {
    setup({ "out/same.txt": "same\n", "out/old.txt": "old\n", "out/gone.txt": "x\n" });
    const drift = writeOutputs(
      root,
      new Map([
        ["out/same.txt", "same\n"],
        ["out/old.txt", "new\n"],
        ["out/sub/added.txt", "added\n"],
      ]),
      owned,
    );
    expect(drift).toEqual({
      changed: ["out/old.txt"],
      missing: ["out/sub/added.txt"],
      stale: ["out/gone.txt"],
    });
    expect(listAll(root)).toEqual(["out/old.txt", "out/same.txt", "out/sub/added.txt"]);
    expect(readFileSync(join(root, "out/old.txt"), "utf8")).toBe("new\n");
    expect(
      compareOutputs(
        root,
        new Map([
          ["out/old.txt", "new\n"],
          ["out/same.txt", "same\n"],
          ["out/sub/added.txt", "added\n"],
        ]),
        owned,
      ),
    ).toEqual({ changed: [], missing: [], stale: [] });
  });

  it("all or nothing: a file that cannot be written leaves every existing file as it was, and no temp files", () => {
    // `out/blocked` is a file, so `out/blocked/new.json` cannot be created.
    setup({ "out/a.txt": "a1\n", "out/blocked": "not a folder\n", "out/stale.txt": "s\n" });
    const files = new Map([
      ["out/a-new.txt", "written before the failure\n"],
      ["out/a.txt", "a2\n"],
      ["out/blocked/new.json", "{}\n"],
      ["out/blocked", "not a folder\n"],
    ]);
    expect(() => writeOutputs(root, files, owned)).toThrow();
    expect(readFileSync(join(root, "out/a.txt"), "utf8")).toBe("a1\n");
    expect(listAll(root)).toEqual(["out/a.txt", "out/blocked", "out/stale.txt"]);
  });
});
