/**
 * The git side of `npm run review`: which revision is the base, and a detached checkout of it.
 * The checkout lives under node_modules/.cache/ so that its sources resolve their npm packages
 * from this checkout's node_modules (the base is built with the packages installed here);
 * git creates and removes it.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", timeout: 60_000 });
  return { ok: r.status === 0, out: (r.stdout ?? "").trim(), err: (r.stderr ?? "").trim() };
}

/** The branches the default base is the merge base with, in the order they are tried. */
export const mainBranches = ["main", "origin/main", "master", "origin/master"];

/** The commit `ref` names, or why it names none. */
export function resolveCommit(cwd: string, ref: string): { sha: string } | { error: string } {
  const r = git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return r.ok ? { sha: r.out } : { error: `"${ref}" is not a commit of this repository` };
}

/** The merge base of HEAD with the main branch. */
export function defaultBase(cwd: string): { sha: string; ref: string } | { error: string } {
  for (const branch of mainBranches) {
    if (!git(cwd, ["rev-parse", "--verify", "--quiet", branch]).ok) continue;
    const r = git(cwd, ["merge-base", "HEAD", branch]);
    if (r.ok) return { sha: r.out, ref: `merge base with ${branch}` };
  }
  return {
    error: `no branch ${mainBranches.join(", ")} to take the merge base with: name one with --base`,
  };
}

export interface Checkout {
  dir: string;
  remove(): void;
}

/** A detached worktree of `sha`; remove() deletes it and its registration. */
export function checkout(cwd: string, sha: string): Checkout | { error: string } {
  const dir = join(
    cwd,
    "node_modules",
    ".cache",
    "mlmon-review",
    `${sha.slice(0, 12)}-${process.pid}`,
  );
  const r = git(cwd, ["worktree", "add", "--detach", "--force", dir, sha]);
  if (!r.ok) return { error: `git worktree add failed: ${r.err}` };
  return {
    dir,
    remove: () => {
      git(cwd, ["worktree", "remove", "--force", dir]);
      git(cwd, ["worktree", "prune"]);
    },
  };
}
