/**
 * A short unified diff of one file, for `build --check`: enough to see what changed by hand
 * (or what the sources now produce), never the whole file.
 */
import { structuredPatch } from "diff";

export function shortDiff(path: string, before: string, after: string, maxLines = 20): string {
  const patch = structuredPatch(
    `${path} (on disk)`,
    `${path} (from the sources)`,
    before,
    after,
    "",
    "",
    {
      context: 1,
    },
  );
  const lines = patch.hunks.flatMap((h) => [
    `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
    ...h.lines,
  ]);
  const shown = lines.slice(0, maxLines);
  const more = lines.length - shown.length;
  return [
    `--- ${patch.oldFileName}`,
    `+++ ${patch.newFileName}`,
    ...shown,
    ...(more > 0 ? [`… ${more} more line(s)`] : []),
  ]
    .map((l) => `    ${l}`)
    .join("\n");
}
