/**
 * What the build reads, and how to tell what changed: the source modules (dashboards/, alerts/,
 * config/*.ts), the catalogue (config/metrics/) and the schemas (config/schema/). Changes are
 * found by content, every input looked at again after each burst of file events: an editor's
 * save by rename, a folder removed, an event the platform dropped, or a write that changes
 * nothing are all seen for what they are. A file is read again only when its stat (inode,
 * size, modification and change times) moved since it was last read, or when it was changed
 * so shortly before that read that a second write could have kept the stat as it was.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileHashes, type HashRecord } from "../../launch-inputs.mjs";
import { catalogueDir, schemaDir } from "../outputs.ts";

/** Folders whose modules the build imports (config/: platform.ts). */
export const moduleFolders = ["dashboards", "alerts", "config"] as const;

/** Folders read with all they hold, and the one read for its own files only. */
const trees = ["dashboards", "alerts", catalogueDir, schemaDir] as const;
const filesOf = "config";

export type InputKind = "module" | "catalogue" | "schema";

export function inputKind(path: string): InputKind | undefined {
  if (path.startsWith(`${catalogueDir}/`)) return /\.ya?ml$/.test(path) ? "catalogue" : undefined;
  if (path.startsWith(`${schemaDir}/`)) return "schema";
  if (!path.endsWith(".ts")) return undefined;
  if (path.startsWith("dashboards/") || path.startsWith("alerts/")) return "module";
  return /^config\/[^/]+\.ts$/.test(path) ? "module" : undefined;
}

export interface Inputs {
  /** Every input file with the digest of its content. */
  files: Map<string, string>;
  /**
   * Every folder they are in, to watch one by one: a recursive fs.watch on Linux loses a file
   * that an editor saves by renaming a new one over it (Node 20), a folder's own watch does not.
   */
  folders: string[];
}

/**
 * Scans of the inputs, each reading only the files whose stat says they may have changed
 * (scripts/launch-inputs.mjs, as the launcher reads its own). `settleMs`: how long before a
 * scan a file's last change must be for its stat to vouch for it afterwards; a file's times
 * move in ticks (milliseconds apart), and a write within the tick of the one read leaves them
 * as they were.
 */
export function inputScanner(root: string, settleMs = 1000): () => Inputs {
  let recorded: HashRecord = {};
  return () => {
    const folders: string[] = [];
    const paths: string[] = [];
    const walk = (dir: string, deep: boolean) => {
      let entries;
      try {
        entries = readdirSync(join(root, dir), { withFileTypes: true });
      } catch {
        return;
      }
      folders.push(dir);
      for (const e of entries) {
        const path = `${dir}/${e.name}`;
        if (e.isDirectory() && deep && e.name !== "node_modules") walk(path, deep);
        else if (e.isFile() && inputKind(path)) paths.push(path);
      }
    };
    for (const tree of trees) walk(tree, true);
    walk(filesOf, false);
    // A file gone between listing and reading is missing: it has no hash.
    const { hashes, record } = fileHashes(root, paths.sort(), recorded, { settleMs });
    recorded = record;
    return { files: hashes, folders: folders.sort() };
  };
}

/** The inputs added, removed or changed between two scans, sorted. */
export function changedInputs(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}
