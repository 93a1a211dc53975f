// Module hooks for `npm run build -- --watch` (registered with node:module's register(), run on
// node's hooks thread): every import that lands in a source folder gets the version of that file
// as a query (`dashboards/api-gateway.ts?v=3`), so a changed module and its importers are
// imported afresh while everything else (the engine, the foundation SDK, ajv) stays loaded once.
// It also notes which source module imports which, for the watch to find a change's importers.
// Plain JavaScript: hooks are loaded before any TypeScript loader applies.
import { fileURLToPath } from "node:url";

/** Absolute path -> version; a file never changed has none (its plain URL). */
const versions = new Map();
/** `importer\0imported`, absolute paths, noted since the watch last asked. */
const edges = new Set();
let folders = [];

const inSources = (path) =>
  !path.includes("/node_modules/") && folders.some((f) => path.startsWith(f));

export function initialize({ port, sourceFolders }) {
  folders = sourceFolders;
  port.on("message", (m) => {
    if (m.type === "edges") {
      port.postMessage({ type: "edges", edges: [...edges] });
      edges.clear();
    } else if (m.type === "versions") {
      for (const [path, version] of m.versions) versions.set(path, version);
      port.postMessage({ type: "versions" });
    }
  });
  port.unref();
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!resolved.url.startsWith("file:")) return resolved;
  const url = new URL(resolved.url);
  const path = fileURLToPath(url);
  if (!inSources(path)) return resolved;
  if (context.parentURL?.startsWith("file:")) {
    const parent = fileURLToPath(context.parentURL);
    if (inSources(parent)) edges.add(`${parent}\0${path}`);
  }
  const version = versions.get(path);
  if (version === undefined) return resolved;
  url.search = `?v=${version}`;
  return { ...resolved, url: url.href };
}
