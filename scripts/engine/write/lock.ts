/**
 * One writer of config/ at a time. The lock is a file holding the owner's pid, created whole and
 * atomically (written beside it, then hard-linked into place, which fails when it exists). A
 * lock whose owner is gone (kill -9) is taken over: moved aside, checked to still be the dead
 * owner's, and put back if another build took it meanwhile. Node has no flock(); with two
 * builds racing for a dead owner's lock this is exact, and the writer never needs more.
 */
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { writeScratch } from "../outputs.ts";

/** Whether a process with this pid runs (EPERM: it does, as another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const ownerOf = (path: string): number | undefined => {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/** The pid a scratch name ends with (`.write.lock.123`, `.writing-123`). */
export const pidSuffix = (name: string): number | undefined => {
  const m = /[.-](\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
};

function tryLock(lock: string): number | undefined {
  const mine = `${lock}.${process.pid}`;
  // Not flushed: after a power loss its owner is gone, and a lock read empty counts as dead.
  writeFileSync(mine, `${process.pid}\n`);
  try {
    linkSync(mine, lock);
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return ownerOf(lock) ?? 0;
  } finally {
    rmSync(mine, { force: true });
  }
}

/** Move a dead owner's lock away; if it turns out to be a live one, put it back. */
function takeOver(lock: string, dead: number): void {
  const aside = `${lock}.${process.pid}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // someone else moved it first
  }
  const owner = ownerOf(aside);
  if (owner !== undefined && owner !== dead && alive(owner)) {
    try {
      linkSync(aside, lock);
    } catch {
      // A third build took the lock in between: it is theirs now.
    }
  }
  rmSync(aside, { force: true });
}

/** Link files (`.write.lock.<pid>`) of builds killed between writing and linking them. */
function removeDeadLinkFiles(lock: string): void {
  const base = lock.slice(lock.lastIndexOf("/") + 1);
  for (const name of readdirSync(dirname(lock))) {
    if (!name.startsWith(`${base}.`)) continue;
    const pid = pidSuffix(name.replace(/\.stale$/, ""));
    if (pid !== undefined && pid !== process.pid && !alive(pid)) {
      rmSync(join(dirname(lock), name), { force: true });
    }
  }
}

export type LockResult = { release(): void } | { heldBy: number };

/** Take the write lock of `root`, waiting up to `timeoutMs` for a live owner to finish. */
export async function acquireWriteLock(root: string, timeoutMs: number): Promise<LockResult> {
  const lock = join(root, writeScratch.lock);
  mkdirSync(dirname(lock), { recursive: true });
  removeDeadLinkFiles(lock);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const owner = tryLock(lock);
    if (owner === undefined) {
      return {
        release: () => {
          if (ownerOf(lock) === process.pid) rmSync(lock, { force: true });
        },
      };
    }
    // 0: unreadable, which a whole-file lock never is for long; treat it as dead.
    if (owner === 0 || !alive(owner)) {
      takeOver(lock, owner);
      continue;
    }
    if (Date.now() >= deadline) return { heldBy: owner };
    await sleep(50);
  }
}
