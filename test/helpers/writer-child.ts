/**
 * A writer in a process of its own, for tests that stop it: `writer-child.ts <root> <files as
 * JSON> <step>` writes the files and, before step number <step> of the swap, prints
 * "at <step name>" and waits until the file <root>/go exists (tests kill it or signal it there).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeOutputs } from "../../scripts/engine/write/outputs.ts";
import { testOutputs } from "./write-tree.ts";

const [root, filesJson, stopAt] = process.argv.slice(2) as [string, string, string];
const files = new Map(Object.entries(JSON.parse(filesJson) as Record<string, string>));
const pause = new Int32Array(new SharedArrayBuffer(4));
let step = 0;
const result = await writeOutputs(root, files, testOutputs, {
  progress(what) {
    if (step++ !== Number(stopAt)) return;
    process.stdout.write(`at ${what}\n`);
    for (let i = 0; i < 600 && !existsSync(join(root, "go")); i++) Atomics.wait(pause, 0, 0, 100);
  },
});
process.stdout.write(`written ${result.written}\n`);
