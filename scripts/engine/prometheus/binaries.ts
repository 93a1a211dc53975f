import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The executable `name` on PATH, or undefined. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Which of the binaries are not on PATH. */
export const missingBinaries = (names: readonly string[]): string[] =>
  names.filter((n) => onPath(n) === undefined);
