/**
 * All or nothing, even across kill -9. Under the write lock, every new file is written in full
 * into a staging folder beside the outputs (config/.writing-<pid>/new-<n>, n its place in the
 * journal), and every file to be replaced is copied to old-<n>; then a journal naming every step
 * is flushed, and only then are the files swapped in by rename (a reader never sees half a file)
 * and removed ones moved to old-<n>.
 * A failure rolls the swaps back from old/; deleting the journal is the commit. A staging folder
 * left by a killed writer is rolled back the same way by the next one, before it starts.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { Files } from "../model/index.ts";
import { writeScratch } from "../outputs.ts";
import { errorCode } from "../text/thrown.ts";
import { writeDurably } from "./durable.ts";
import { alive, pidSuffix } from "./lock.ts";
import { entryKind } from "./tree.ts";

export interface Op {
  op: "create" | "replace" | "remove";
  /** Repository-relative. */
  path: string;
}

interface Journal {
  ops: Op[];
  /** Folders the swap creates for new files, outermost first. */
  dirs: string[];
  /**
   * Staged files named by their op's place (new-3); without it, a journal of an earlier
   * version, whose staged files mirror their paths (new/config/...), is rolled back as such.
   */
  flat?: true;
}

/** Where op `n` of the journal stages its new content or its backup. */
const stagedAt = (staging: string, journal: Journal, side: "new" | "old", n: number): string =>
  journal.flat ? join(staging, `${side}-${n}`) : join(staging, side, journal.ops[n]!.path);

const scratchParent = dirname(writeScratch.staging);
const stagingPrefix = writeScratch.staging.slice(scratchParent.length + 1);

/** Staging folders on disk (repository-relative), with the pid of the writer that made each. */
export function stagingFolders(root: string): { path: string; pid?: number }[] {
  if (entryKind(root, scratchParent) !== "directory") return [];
  return readdirSync(join(root, scratchParent))
    .filter((name) => name.startsWith(stagingPrefix))
    .sort()
    .map((name) => ({ path: `${scratchParent}/${name}`, pid: pidSuffix(name) }));
}

/** A staging folder's live writer, if it has one (it is then writing right now). */
export const liveWriter = (f: { pid?: number }): number | undefined =>
  f.pid !== undefined && f.pid !== process.pid && alive(f.pid) ? f.pid : undefined;

/** The folders `path` needs that do not exist yet, outermost first. */
function missingDirs(root: string, path: string): string[] {
  const parts = path.split("/").slice(0, -1);
  return parts
    .map((_, i) => parts.slice(0, i + 1).join("/"))
    .filter((dir) => entryKind(root, dir) === undefined);
}

/**
 * Undo whatever part of the journal's swaps happened, judging from what is on disk, so it is
 * right at any point a writer was stopped: a created file is removed once it left staging, a
 * replaced or removed one is put back from old/.
 */
function rollBack(root: string, staging: string, journal: Journal): string[] {
  const failed: string[] = [];
  for (let n = journal.ops.length - 1; n >= 0; n--) {
    const { op, path } = journal.ops[n]!;
    const target = join(root, path);
    const [staged, backup] = [
      stagedAt(staging, journal, "new", n),
      stagedAt(staging, journal, "old", n),
    ];
    try {
      if (op === "create") {
        if (!existsSync(staged) && entryKind(root, path) === "file") rmSync(target);
      } else if (existsSync(backup)) {
        mkdirSync(dirname(target), { recursive: true });
        renameSync(backup, target);
      }
    } catch (e) {
      failed.push(`${path} (${errorCode(e)})`);
    }
  }
  for (const dir of [...journal.dirs].reverse()) {
    try {
      rmdirSync(join(root, dir));
    } catch {
      // not empty: something else is in it now, or it was never made
    }
  }
  return failed;
}

export class RollbackFailed extends Error {
  constructor(
    readonly staging: string,
    readonly paths: string[],
  ) {
    super(`could not restore ${paths.join(", ")}`);
  }
}

/** Roll back and remove the staging folders that killed writers left. Under the lock only. */
export function recoverInterrupted(root: string): void {
  for (const folder of stagingFolders(root)) {
    const staging = join(root, folder.path);
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(readFileSync(join(staging, "journal.json"), "utf8")) as Journal;
    } catch {
      journal = undefined; // no journal, or half of one: nothing was swapped yet
    }
    const failed = journal ? rollBack(root, staging, journal) : [];
    if (failed.length > 0) throw new RollbackFailed(folder.path, failed);
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Apply `ops` to the tree under `root`, taking contents from `files`; `step` is told before each
 * filesystem step (tests stop or obstruct the writer there). Throws when a step fails, after
 * rolling back: the tree is then as it was (RollbackFailed when even that failed: the staging
 * folder is kept and the next writer retries).
 */
export function applyChanges(
  root: string,
  files: Files,
  ops: readonly Op[],
  step: (what: string) => void = () => {},
): void {
  const staging = join(root, `${writeScratch.staging}${process.pid}`);
  const journal: Journal = {
    ops: [...ops],
    dirs: [
      ...new Set(ops.filter((o) => o.op === "create").flatMap((o) => missingDirs(root, o.path))),
    ],
    flat: true,
  };
  const at = (side: "new" | "old", n: number) => stagedAt(staging, journal, side, n);
  if (ops.length === 0) return;
  let keep = false;
  try {
    mkdirSync(staging, { recursive: true });
    ops.forEach(({ op, path }, n) => {
      if (op !== "remove") {
        step(`stage ${path}`);
        writeDurably(at("new", n), files.get(path)!);
      }
      if (op === "replace") {
        step(`back up ${path}`);
        copyFileSync(join(root, path), at("old", n));
      }
    });
    step("journal");
    writeDurably(join(staging, "journal.json"), JSON.stringify(journal));
    try {
      for (const dir of journal.dirs) {
        step(`mkdir ${dir}`);
        mkdirSync(join(root, dir));
      }
      ops.forEach(({ op, path }, n) => {
        step(`${op} ${path}`);
        if (op === "remove") renameSync(join(root, path), at("old", n));
        else renameSync(at("new", n), join(root, path));
      });
    } catch (e) {
      const failed = rollBack(root, staging, journal);
      if (failed.length > 0) {
        keep = true;
        throw new RollbackFailed(`${writeScratch.staging}${process.pid}`, failed);
      }
      throw e;
    }
    step("commit");
    rmSync(join(staging, "journal.json"));
  } finally {
    if (!keep) rmSync(staging, { recursive: true, force: true });
  }
}
