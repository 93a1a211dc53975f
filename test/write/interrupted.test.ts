/**
 * The writer stopped from outside: kill -9 before every step of a write, a SIGTERM in the
 * middle of one, and the lock that keeps two writers apart. Each writer runs in a process of its
 * own (test/helpers/writer-child.ts) that waits at the chosen step, so the kill lands exactly
 * there: no timing luck involved.
 */
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeScratch } from "../../scripts/engine/outputs.ts";
import { acquireWriteLock } from "../../scripts/engine/write/lock.ts";
import { manifestDocument } from "../../scripts/engine/write/manifest.ts";
import { compareOutputs, writeOutputs } from "../../scripts/engine/write/outputs.ts";
import { recoverInterrupted } from "../../scripts/engine/write/transaction.ts";
import { listing, testOutputs as set, tree, writerChild } from "../helpers/write-tree.ts";

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

const before = {
  "config/out/keep.txt": "keep\n",
  "config/out/replace.txt": "old\n",
  "config/out/stale.txt": "stale\n",
  "config/page.md": "# old\n",
  "config/generated-files.txt": manifestDocument(set, [
    "config/out/keep.txt",
    "config/out/replace.txt",
    "config/out/stale.txt",
    "config/page.md",
  ]),
};
const files = new Map([
  ["config/out/keep.txt", "keep\n"],
  ["config/out/replace.txt", "new\n"],
  ["config/out/deep/er/added.txt", "added\n"],
  ["config/page.md", "# new\n"],
]);
const setup = () => {
  const root = tree(before);
  roots.push(root);
  return root;
};

/** The steps one write of `files` over `before` takes, from a write that is not stopped. */
async function stepsOfOneWrite(): Promise<string[]> {
  const steps: string[] = [];
  const result = await writeOutputs(setup(), files, set, { progress: (s) => steps.push(s) });
  expect(result.written).toBe(true);
  return steps;
}

const leftovers = (root: string) =>
  Object.keys(listing(root)).filter((p) => p.includes("/.writing-") || p.includes("/.write.lock"));

describe("the writer stopped from outside", () => {
  it("kill -9 at every step leaves nothing a later writer does not roll back or clean", async () => {
    const steps = await stepsOfOneWrite();
    expect(steps.length).toBeGreaterThan(12);
    const { listing: expected } = await (async () => {
      const root = setup();
      await writeOutputs(root, files, set);
      return { listing: listing(root) };
    })();
    const old = listing(setup());
    // Every step, the same each run (a sample drawn anew would fail on some runs only); the
    // message names the step on failure.
    for (const step of steps.keys()) {
      const root = setup();
      const child = writerChild(root, files, step);
      expect(await child.line("at ")).toBe(`at ${steps[step]}`);
      child.kill("SIGKILL");
      expect((await child.exit).signal).toBe("SIGKILL");
      // A reader (--check) is told, never left to trust a half-written tree.
      expect(compareOutputs(root, files, set).findings.map((f) => f.rule)).toContain(
        "write/interrupted",
      );
      // The next writer first rolls the killed one back: the tree is exactly as it was...
      const lock = await acquireWriteLock(root, 1000);
      if (!("release" in lock)) throw new Error(`lock held by ${lock.heldBy}`);
      recoverInterrupted(root);
      lock.release();
      expect(listing(root), `killed before "${steps[step]}"`).toEqual(old);
      // ...and then writes, leaving no lock, staging folder or temp file behind.
      expect((await writeOutputs(root, files, set)).written).toBe(true);
      expect(listing(root)).toEqual(expected);
      expect(leftovers(root)).toEqual([]);
    }
  });

  it("SIGTERM in the middle of the swap: the write completes first, then the process exits 143", async () => {
    const steps = await stepsOfOneWrite();
    const root = setup();
    const child = writerChild(root, files, steps.indexOf("create config/out/deep/er/added.txt"));
    await child.line("at create");
    child.kill("SIGTERM");
    // The signal is pending while the writer waits; let it go on.
    writeFileSync(join(root, "go"), "");
    const exit = await child.exit;
    expect(exit.code).toBe(143);
    rmSync(join(root, "go"));
    expect(compareOutputs(root, files, set)).toMatchObject({ changed: [], missing: [], stale: [] });
    expect(leftovers(root)).toEqual([]);
  });

  it("two writers never interleave: the second waits for the lock, then finds nothing to do", async () => {
    const steps = await stepsOfOneWrite();
    const root = setup();
    const first = writerChild(root, files, steps.indexOf("journal"));
    await first.line("at journal");
    // The first holds the lock: a second writer gives up after its timeout, writing nothing.
    const snapshot = listing(root);
    const second = await writeOutputs(root, files, set, { lockTimeoutMs: 300 });
    expect(second.written).toBe(false);
    expect(second.findings).toEqual([
      expect.objectContaining({ rule: "write/lock", where: { file: writeScratch.lock } }),
    ]);
    expect(listing(root)).toEqual(snapshot);
    // With time to wait, it writes after the first has finished: nothing is left to change.
    const waiting = writeOutputs(root, files, set);
    writeFileSync(join(root, "go"), "");
    expect((await first.exit).stdout).toContain("written true");
    rmSync(join(root, "go"));
    const third = await waiting;
    expect(third).toMatchObject({ written: true, changed: [], missing: [], stale: [] });
    expect(leftovers(root)).toEqual([]);
  });

  it("takes over the lock of a writer that was killed", async () => {
    const root = setup();
    // A pid that has exited: a child that ran and ended.
    const gone = spawn(process.execPath, ["-e", ""]);
    const pid = gone.pid!;
    await new Promise((resolve) => gone.on("exit", resolve));
    writeFileSync(join(root, writeScratch.lock), `${pid}\n`);
    writeFileSync(join(root, `${writeScratch.lock}.${pid}`), `${pid}\n`);
    const result = await writeOutputs(root, files, set, { lockTimeoutMs: 1000 });
    expect(result.written).toBe(true);
    expect(leftovers(root)).toEqual([]);
  });
});
