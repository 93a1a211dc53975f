/**
 * Source modules re-imported when they change, and nothing else: a changed file and every
 * source module that imports it, directly or not, get a new version (versions-hook.mjs puts it
 * on their URLs), so the next import of a registry evaluates them again while every other
 * module, the engine and the libraries included, stays as loaded. Node cannot unload a module:
 * each version of a changed module stays in memory until the watch ends.
 */
import { register } from "node:module";
import { join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort } from "node:worker_threads";

export interface SourceModules {
  /** Give these files (repository-relative) and their importers new versions. */
  invalidate(changed: readonly string[]): Promise<void>;
  close(): void;
}

const ask = <T>(port: MessagePort, message: object): Promise<T> =>
  new Promise((resolve) => {
    port.once("message", resolve);
    port.postMessage(message);
  });

export function versionedSources(root: string, folders: readonly string[]): SourceModules {
  const { port1, port2 } = new MessageChannel();
  const sourceFolders = folders.map((f) => join(root, f) + sep);
  register(pathToFileURL(join(import.meta.dirname, "versions-hook.mjs")), {
    data: { port: port2, sourceFolders },
    transferList: [port2],
  });
  /** Imported file -> the source modules that import it (absolute paths). */
  const importers = new Map<string, Set<string>>();
  let generation = 0;
  return {
    async invalidate(changed) {
      const { edges } = await ask<{ edges: string[] }>(port1, { type: "edges" });
      for (const edge of edges) {
        const [from, to] = edge.split("\0") as [string, string];
        if (!importers.has(to)) importers.set(to, new Set());
        importers.get(to)!.add(from);
      }
      const stale = new Set<string>();
      const visit = (path: string) => {
        if (stale.has(path)) return;
        stale.add(path);
        for (const from of importers.get(path) ?? []) visit(from);
      };
      for (const file of changed) visit(join(root, file));
      generation++;
      await ask(port1, { type: "versions", versions: [...stale].map((p) => [p, generation]) });
    },
    close: () => port1.close(),
  };
}
