/**
 * What a pure parse made of a text, kept beside the running bundle (text/bundled.ts) and read
 * back by the next run instead of parsing again: YAML is slow to parse on a cold start (our
 * catalogue, 23 KB, took 0.2 s CPU of a one-file `npm run check`). A bundle holds one state
 * of the code, so a kept result is never another code's; keyed by a digest of what the parse
 * reads. V8's own serialisation keeps Maps, shared objects and every number as they were.
 * Outside a bundle nothing is kept; a result that cannot be written or read back is parsed
 * again, so what a check finds never depends on what is kept.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { bundleFolder } from "../text/bundled.ts";

const bundle = bundleFolder();

/**
 * `parse()`, or what it returned for the same `kind` and `inputs` in an earlier run; kept in
 * `folder` (the bundle's).
 */
export function keptParse<T>(
  kind: string,
  inputs: readonly string[],
  parse: () => T,
  folder: string | undefined = bundle,
): T {
  if (!folder) return parse();
  const digest = createHash("sha256")
    .update(JSON.stringify([kind, ...inputs]))
    .digest("hex");
  const path = join(folder, `parsed-${kind}-${digest.slice(0, 32)}.bin`);
  try {
    return deserialize(readFileSync(path)) as T;
  } catch {
    // not kept yet (or unreadable): parsed now, and kept for the next run
  }
  const value = parse();
  const staging = `${path}.${process.pid}`;
  try {
    writeFileSync(staging, serialize(value));
  } catch {
    return value; // nothing can be kept there (a read-only node_modules): parsed next time too
  }
  try {
    renameSync(staging, path);
  } catch {
    rmSync(staging, { force: true });
  }
  return value;
}
