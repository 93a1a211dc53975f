// The digest of what a bundle is made from (scripts/launch.mjs), reading only the files that
// may have changed: a file's content hash is taken from the record of an earlier run while its
// stat (size, inode, modification and change times to the nanosecond) is the one it had when
// that run read it. Exact, like hashing every file: an edit changes the change time, unless
// two writes fall in one tick of the file system's clock, so a file changed in the second
// before it was read is not recorded, and is read again by the next run (git's "racy" files).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** How recent a change must be for its stat not to vouch for the content (ms). */
const racyMs = 1000n;

const statKey = (s) => `${s.size}:${s.ino}:${s.mtimeNs}:${s.ctimeNs}`;

/**
 * sha256 (hex) of `salt` and each of `files` (paths under `root`, in order: a missing one
 * counts by its name), the hashes of unchanged files taken from `recordFile`, which is
 * rewritten (atomically) when what it should hold has changed. `now` (ms): when it reads.
 */
export function inputsDigest(root, files, recordFile, salt, now = Date.now()) {
  let recordText = "";
  let recorded = {};
  try {
    recordText = readFileSync(recordFile, "utf8");
    recorded = Object(JSON.parse(recordText));
  } catch {
    // none yet, or unreadable: every file is read
  }
  // Before any stat: a change from now on is at least this recent.
  const trustedBefore = BigInt(now) * 1_000_000n - racyMs * 1_000_000n;
  const record = {};
  const digest = createHash("sha256").update(salt);
  for (const f of files) {
    digest.update(`${f}\n`);
    const path = `${root}/${f}`;
    let stat;
    try {
      stat = statSync(path, { bigint: true });
    } catch {
      continue;
    }
    const key = statKey(stat);
    const [was, recordedHash] = Array.isArray(recorded[f]) ? recorded[f] : [];
    let hash = was === key && typeof recordedHash === "string" ? recordedHash : undefined;
    if (hash === undefined) {
      hash = createHash("sha256").update(readFileSync(path)).digest("hex");
      if (stat.mtimeNs >= trustedBefore || stat.ctimeNs >= trustedBefore) {
        digest.update(hash);
        continue;
      }
    }
    record[f] = [key, hash];
    digest.update(hash);
  }
  const text = JSON.stringify(record);
  if (text !== recordText) {
    try {
      mkdirSync(dirname(recordFile), { recursive: true });
      const staging = `${recordFile}.${process.pid}`;
      writeFileSync(staging, text);
      renameSync(staging, recordFile);
    } catch {
      // not recorded: the next run reads the files again
    }
  }
  return digest.digest("hex");
}
