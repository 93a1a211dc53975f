// Content hashes of files, reading only those that may have changed: a file's hash is taken
// from a record of an earlier read while its stat (size, inode, modification and change times
// to the nanosecond) is the one it had then. Exact, like hashing every file: an edit changes
// the change time, unless two writes fall in one tick of the file system's clock, so a file
// changed shortly before it was read is not recorded, and is read again next time (git's
// "racy" files). The launcher (the digest of what a bundle is made from, kept on disk between
// runs) and the watch (its inputs, kept in memory between scans) both read files this way.
// Plain JavaScript: the launcher runs it before anything is compiled.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const statKey = (s) => `${s.size}:${s.ino}:${s.mtimeNs}:${s.ctimeNs}`;

/**
 * sha256 (hex) of each of `files` (paths under `root`; a missing one has none), taken from
 * `recorded` (path -> [stat, hash], anything else in it is read past) while the file's stat
 * is the recorded one. `record` holds what the next call may take: the files whose last change
 * is at least `settleMs` older than `now` (ms, before any stat).
 */
export function fileHashes(root, files, recorded, { now = Date.now(), settleMs = 1000 } = {}) {
  const trustedBefore = BigInt(now - settleMs) * 1_000_000n;
  const hashes = new Map();
  const record = {};
  for (const f of files) {
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
    hash ??= createHash("sha256").update(readFileSync(path)).digest("hex");
    hashes.set(f, hash);
    if (stat.mtimeNs < trustedBefore && stat.ctimeNs < trustedBefore) record[f] = [key, hash];
  }
  return { hashes, record };
}

/**
 * sha256 (hex) of `salt` and each of `files` (in order: a missing one counts by its name),
 * their hashes by `fileHashes` with the record kept in `recordFile`, which is rewritten
 * (atomically) when what it should hold has changed. `now` (ms): when it reads.
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
  const { hashes, record } = fileHashes(root, files, recorded, { now });
  const digest = createHash("sha256").update(salt);
  for (const f of files) digest.update(`${f}\n${hashes.get(f) ?? ""}`);
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
