// Runs a CommonJS bundle (scripts/launch.mjs makes them) as node would require it, but compiled
// with a V8 code cache kept beside it: the bytecode of every function an earlier run compiled,
// so that this run neither parses nor compiles them (node 20 keeps no such cache itself). The
// cache is written when the first run exits, holding each function that run used; one that is
// missing, unreadable, made for other bytes or rejected by V8 (another V8, other flags) is
// simply compiled without and written again.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { cachedDataVersionTag } from "node:v8";
import vm from "node:vm";
import { crc32 } from "node:zlib";

const magic = Buffer.from("mlmon code cache 1\n");

/**
 * The cache of `source` kept in `file`, undefined unless it is whole and of these very bytes:
 * V8 itself checks only the source's length, so the header carries the source's checksum, and
 * the payload's (V8 does not verify its own in release builds).
 */
function readCache(file, source) {
  let data;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const head = magic.length;
  if (data.length < head + 12 || !data.subarray(0, head).equals(magic)) return undefined;
  const payload = data.subarray(head + 12);
  const whole =
    data.readUInt32LE(head) === source.length &&
    data.readUInt32LE(head + 4) === crc32(source) &&
    data.readUInt32LE(head + 8) === crc32(payload);
  return whole ? payload : undefined;
}

/** Write the cache of what `script` has compiled so far, atomically; never fails the run. */
function writeCache(file, source, script) {
  try {
    const payload = script.createCachedData();
    const header = Buffer.alloc(12);
    header.writeUInt32LE(source.length, 0);
    header.writeUInt32LE(crc32(source), 4);
    header.writeUInt32LE(crc32(payload), 8);
    const staging = `${file}.${process.pid}`;
    writeFileSync(staging, Buffer.concat([magic, header, payload]));
    renameSync(staging, file);
  } catch {
    // not written: the next run compiles without, and writes it
  }
}

/** The code cache's file for `bundle` under this V8 (its version, flags and CPU features). */
export const codeCacheFile = (bundle) => `${bundle}.${cachedDataVersionTag()}.v8cache`;

/**
 * Run the CommonJS module `file` (a bundle: it requires only node's modules and packages), with
 * `launcherImport` in its scope: an `import()` compiled outside it. The script itself is given
 * no way to import (on node 20 one compiled from a code cache loses it: V8 drops the
 * host-defined options on deserialisation), so an `import()` left in the bundle fails at its
 * first run too, not only once a cache exists.
 */
export function runCommonJs(file, launcherImport) {
  const source = readFileSync(file);
  const cacheFile = codeCacheFile(file);
  const cachedData = readCache(cacheFile, source);
  // The module wrapper on a line of its own: stack positions are the file's lines and columns.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, launcherImport) {\n${source}\n})`,
    { filename: file, lineOffset: -1, cachedData },
  );
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once("exit", () => writeCache(cacheFile, source, script));
  }
  const module = { exports: {} };
  const wrapper = script.runInThisContext();
  const scope = [module.exports, createRequire(file), module, file, dirname(file), launcherImport];
  wrapper.apply(module.exports, scope);
  return module.exports;
}
