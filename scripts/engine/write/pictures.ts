/**
 * Where the review's pictures go: a folder the user names (or the default), never inside the
 * build's own outputs (config/). Files are replaced whole; the folder is created.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";

/** Why `dir` may not hold pictures, or undefined when it may. */
export function pictureDirProblem(root: string, dir: string): string | undefined {
  const rel = relative(resolve(root, "config"), resolve(root, dir));
  const inside = rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  return inside
    ? `${dir} is inside config/, which only the build writes: name another folder`
    : undefined;
}

/** Write `files` into `dir` (relative to `root`); returns their paths as given. */
export function writePictures(
  root: string,
  dir: string,
  files: ReadonlyMap<string, Buffer>,
): string[] {
  const problem = pictureDirProblem(root, dir);
  if (problem) throw new Error(problem);
  mkdirSync(resolve(root, dir), { recursive: true });
  return [...files].map(([name, png]) => {
    writeFileSync(resolve(root, dir, name), png);
    return join(dir, name).split("\\").join("/");
  });
}
