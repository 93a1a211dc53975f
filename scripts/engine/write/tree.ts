/**
 * What is on disk under the output folders, read without ever following a symbolic link: a link
 * is reported as a link, so nothing the writer does can reach outside the output tree.
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync, type Stats } from "node:fs";
import { join } from "node:path";

export type EntryKind = "file" | "directory" | "symlink" | "other";

export interface Entry {
  /** Repository-relative, `/`-separated. */
  path: string;
  kind: EntryKind;
}

const kindOf = (s: Stats): EntryKind =>
  s.isSymbolicLink() ? "symlink" : s.isFile() ? "file" : s.isDirectory() ? "directory" : "other";

/** What `path` (repository-relative) is, or undefined when nothing is there. */
export function entryKind(root: string, path: string): EntryKind | undefined {
  try {
    return kindOf(lstatSync(join(root, path)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Every file, link and special file below the owned paths, sorted; folders are descended. */
export function scanOwned(root: string, owned: readonly string[]): Entry[] {
  const found: Entry[] = [];
  const walk = (path: string) => {
    const kind = entryKind(root, path);
    if (kind === undefined) return;
    if (kind !== "directory") return void found.push({ path, kind });
    for (const name of readdirSync(join(root, path)).sort()) walk(`${path}/${name}`);
  };
  for (const out of owned) walk(out);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Why `path` cannot be written as a regular file, or undefined when it can: one of its folders is
 * a link or not a folder, or something other than a file is in its place.
 */
export function blockedBy(root: string, path: string): string | undefined {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join("/");
    const kind = entryKind(root, dir);
    if (kind === undefined) return undefined;
    if (kind === "symlink") {
      return `${dir} is a symbolic link: the build never writes through one, so it would land outside the output tree. Replace the link with a real folder`;
    }
    if (kind !== "directory") return `${dir} is a ${kind}, where a folder is needed. Move it away`;
  }
  const kind = entryKind(root, path);
  if (kind === undefined || kind === "file") return undefined;
  return `${path} is a ${kind === "other" ? "special file" : kind}, where the build writes a file. Move it away`;
}

/** The first `bytes` bytes of a file, as text: enough to see a generated-file marker. */
export function head(root: string, path: string, bytes = 512): string {
  const fd = openSync(join(root, path), "r");
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.toString("utf8", 0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}
