/**
 * Import one source module (.ts) of a checkout by its path. A command started by
 * scripts/launch.mjs runs as a bundle that holds this checkout's sources, compiled ahead:
 * those come from it, sharing the engine's module instances (the sites that `defined()`
 * records). Any other module is imported as it is, through tsx, which plain node needs for
 * TypeScript and which is registered before the first such import.
 */
import { pathToFileURL } from "node:url";
import { dynamicImport } from "../dynamic-import.ts";

const bundled = new Map<string, () => Promise<unknown>>();
/** Whether this runs as a launcher's bundle: plain node, which loads no TypeScript. */
let inBundle = false;

/** Called by the bundle's entry, before the command runs: absolute path -> its chunk. */
export function registerBundledSources(modules: Record<string, () => Promise<unknown>>): void {
  inBundle = true;
  for (const [path, load] of Object.entries(modules)) bundled.set(path, load);
}

let tsx: Promise<unknown> | undefined;
const registerTsx = () =>
  (tsx ??= dynamicImport<typeof import("tsx/esm/api")>("tsx/esm/api").then((m) => m.register()));

export async function importSource(path: string): Promise<Record<string, unknown>> {
  const chunk = bundled.get(path);
  if (chunk) return (await chunk()) as Record<string, unknown>;
  // tsx before the import, not after it fails: node remembers a URL it could not load, and
  // would fail it again with tsx registered.
  if (inBundle && /\.[cm]?ts$/.test(path)) await registerTsx();
  return await dynamicImport(pathToFileURL(path).href);
}

/** A module written during this run (`npm run import`'s staged source): no bundle holds it. */
export async function importWritten(path: string): Promise<Record<string, unknown>> {
  await registerTsx();
  return await dynamicImport(pathToFileURL(path).href);
}
