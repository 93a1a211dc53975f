/**
 * What the build reads, and how to tell what changed: the source modules (dashboards/, alerts/,
 * config/*.ts), the catalogue (config/metrics/) and the schemas (config/schema/). Changes are
 * found by content, every input read again after each burst of file events (a hundred small
 * files, a few milliseconds): an editor's save by rename, a folder removed, an event the
 * platform dropped, or a write that changes nothing are all seen for what they are.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogueDir, schemaDir } from "../outputs.ts";

/** Folders whose modules the build imports (config/: platform.ts). */
export const moduleFolders = ["dashboards", "alerts", "config"] as const;

/** Folders watched with all they hold, and the one watched for its own files only. */
export const watchedTrees = ["dashboards", "alerts", catalogueDir, schemaDir] as const;
export const watchedFiles = "config";

export type InputKind = "module" | "catalogue" | "schema";

export function inputKind(path: string): InputKind | undefined {
  if (path.startsWith(`${catalogueDir}/`)) return /\.ya?ml$/.test(path) ? "catalogue" : undefined;
  if (path.startsWith(`${schemaDir}/`)) return "schema";
  if (!path.endsWith(".ts")) return undefined;
  if (path.startsWith("dashboards/") || path.startsWith("alerts/")) return "module";
  return /^config\/[^/]+\.ts$/.test(path) ? "module" : undefined;
}

function filesUnder(root: string, dir: string, deep: boolean): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory())
      return deep && e.name !== "node_modules" ? filesUnder(root, path, deep) : [];
    return e.isFile() && inputKind(path) ? [path] : [];
  });
}

/** Every input file with the digest of its content. */
export function scanInputs(root: string): Map<string, string> {
  const paths = [
    ...watchedTrees.flatMap((d) => filesUnder(root, d, true)),
    ...filesUnder(root, watchedFiles, false),
  ];
  const out = new Map<string, string>();
  for (const path of paths.sort()) {
    try {
      out.set(
        path,
        createHash("sha1")
          .update(readFileSync(join(root, path)))
          .digest("hex"),
      );
    } catch {
      // gone between listing and reading: it is missing
    }
  }
  return out;
}

/** The inputs added, removed or changed between two scans, sorted. */
export function changedInputs(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}
