/**
 * Positions in the esbuild bundle that scripts/launch.mjs runs, told back as positions in the
 * .ts sources, read from the bundle's source maps on demand. Node's own source-map support
 * would do this for every stack trace, but it reads the maps of every module it loads (the
 * libraries' too) at start-up: a sixth of a command's CPU. Positions outside a bundle (under
 * tsx or vitest, which map them already) are returned as they are.
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface Position {
  file: string;
  line: number;
  column: number;
}

const maps = new Map<string, SourceMap | null>();

/** A bundle's file: an ES module (.mjs) or a CommonJS one (.cjs), as the launcher writes it. */
const bundleFile = /\.[cm]js$/;

/** The map `<file><suffix>` of a bundle, read once; none for a file that is no bundle. */
function mapOf(file: string, suffix: ".map" | ".sources.map"): SourceMap | null {
  const path = `${file}${suffix}`;
  let map = maps.get(path);
  if (map === undefined) {
    map = null;
    if (bundleFile.test(file)) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(path, "utf8")));
      } catch {
        // no such map beside it
      }
    }
    maps.set(path, map);
  }
  return map;
}

type Entry = ReturnType<SourceMap["findEntry"]>;
/** An entry at a source position; none for a position no source maps to. */
const inSource = (e: Entry | undefined) =>
  e && "originalSource" in e && e.originalSource ? e : undefined;

/**
 * The map entry of a bundle position: from the bundle's small map of the checkout's sources'
 * positions when it has one there (the sites of dashboards and rules, which every build
 * looks up), else from its map of every position.
 */
function entryOf(p: Position) {
  const find = (suffix: ".map" | ".sources.map") =>
    inSource(mapOf(p.file, suffix)?.findEntry(p.line - 1, p.column - 1));
  return find(".sources.map") ?? find(".map");
}

/**
 * The folder of the bundle this module runs in (node_modules/.cache/mlmon/<checkout>/<digest>/),
 * undefined outside one (under tsx or vitest). The launcher makes a new one whenever a source
 * changes: what it holds is of this state of the code.
 */
export function bundleFolder(): string | undefined {
  const here = stackFrames(new Error().stack ?? "").find((p) => p !== undefined)?.file;
  return here && bundleFile.test(here) && existsSync(`${here}.map`) ? dirname(here) : undefined;
}

/** The source position of a bundle position (1-based line and column, an absolute path). */
export function sourcePosition(p: Position): Position {
  const entry = entryOf(p);
  if (!entry) return p;
  const source = entry.originalSource;
  return {
    file: source.startsWith("file://") ? fileURLToPath(source) : source,
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1,
  };
}

/**
 * A V8 stack frame: `at fn (path:line:col)` or `at path:line:col`, the path a file URL or a
 * plain path (which may hold spaces).
 */
const framePattern = /^at (?:.*? \((.+)\)|(.+))$/;
const positionPattern = /^(.+):(\d+):(\d+)$/;

/**
 * The position of each frame of a V8 stack as V8 names it (none for one without a file,
 * `<anonymous>`), its first line (the message) left out: a bundle's position when the frame is
 * in one, which sourcePosition tells back. Apart, so that a caller maps only the frames it
 * reads: mapping one reads the whole map of its bundle.
 */
export function stackFrames(stack: string): (Position | undefined)[] {
  return stack
    .split("\n")
    .slice(1)
    .map((line) => {
      const f = line.trim().match(framePattern);
      const m = f && (f[1] ?? f[2])!.match(positionPattern);
      if (!m || !(m[1]!.startsWith("file://") || m[1]!.startsWith("/"))) return undefined;
      const file = m[1]!.startsWith("file://") ? fileURLToPath(m[1]!) : m[1]!;
      return { file, line: Number(m[2]), column: Number(m[3]) };
    });
}

/** The position of each frame of a V8 stack, at the source line when the frame is in a bundle. */
export const stackPositions = (stack: string): (Position | undefined)[] =>
  stackFrames(stack).map((p) => p && sourcePosition(p));

/** A V8 stack with each frame in a bundle named at its source line instead, in the same form. */
export function sourceStack(stack: string): string {
  return stack.replace(
    /(file:\/\/\/[^\s()]+?\.[cm]js|\/[^\s()]+?\.[cm]js):(\d+):(\d+)/g,
    (all, f: string, l, c) => {
      const url = f.startsWith("file://");
      const file = url ? fileURLToPath(f) : f;
      const p = sourcePosition({ file, line: Number(l), column: Number(c) });
      if (p.file === file) return all;
      return `${url ? pathToFileURL(p.file).href : p.file}:${p.line}:${p.column}`;
    },
  );
}
