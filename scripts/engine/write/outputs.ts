import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import type { Files } from "../model/index.ts";
import { ownedOutputs } from "../outputs.ts";

/** Every file under the owned outputs, repository-relative, sorted. */
export function existingOutputs(root: string, owned: readonly string[] = ownedOutputs): string[] {
  const found: string[] = [];
  const walk = (abs: string) => {
    if (!existsSync(abs)) return;
    if (statSync(abs).isFile()) {
      found.push(relative(root, abs).split("\\").join("/"));
      return;
    }
    for (const entry of readdirSync(abs).sort()) walk(join(abs, entry));
  };
  for (const out of owned) walk(join(root, out));
  return found.sort();
}

export interface Drift {
  /** Files whose content differs from what the sources produce. */
  changed: string[];
  /** Files the sources produce that do not exist yet. */
  missing: string[];
  /** Generated files no source produces any more. */
  stale: string[];
}

/**
 * Compare the rendered files with what is on disk. Reads only. `owned` is what counts as
 * generated: the build's outputs, or config/schema for `npm run schema`.
 */
export function compareOutputs(
  root: string,
  files: Files,
  owned: readonly string[] = ownedOutputs,
): Drift {
  const drift: Drift = { changed: [], missing: [], stale: [] };
  for (const [path, content] of files) {
    const abs = join(root, path);
    if (!existsSync(abs)) drift.missing.push(path);
    else if (readFileSync(abs, "utf8") !== content) drift.changed.push(path);
  }
  drift.stale = existingOutputs(root, owned).filter((p) => !files.has(p));
  return drift;
}

export const isClean = (d: Drift): boolean =>
  d.changed.length + d.missing.length + d.stale.length === 0;

/** Write `content` to `path` and flush it to disk before returning. */
function writeDurably(path: string, content: string): void {
  const fd = openSync(path, "w");
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The only place the build writes. Every changed file is first written in full to a temp file
 * beside its target and flushed; only when all of them are written are they renamed over their
 * targets, so a failure while writing leaves every existing file as it was, and a reader (or
 * Grafana's provisioning poll) never sees half a file. Unchanged files are not touched; stale
 * generated files are removed last.
 */
export function writeOutputs(
  root: string,
  files: Files,
  owned: readonly string[] = ownedOutputs,
): Drift {
  const drift = compareOutputs(root, files, owned);
  const staged: { tmp: string; target: string }[] = [];
  try {
    for (const path of [...drift.missing, ...drift.changed]) {
      const target = join(root, path);
      mkdirSync(dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      staged.push({ tmp, target });
      writeDurably(tmp, files.get(path)!);
    }
    while (staged.length > 0) {
      renameSync(staged[0]!.tmp, staged[0]!.target);
      staged.shift();
    }
  } finally {
    for (const { tmp } of staged) rmSync(tmp, { force: true });
  }
  for (const path of drift.stale) rmSync(join(root, path));
  return drift;
}
