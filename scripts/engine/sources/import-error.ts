/**
 * A source module (a dashboard, an alert group, config/platform.ts) that throws while it is
 * imported: a finding at the line of our sources where it threw, not a Node stack trace.
 */
import { isAbsolute, join, relative, sep } from "node:path";
import type { Finding } from "../findings.ts";
import { stackPositions } from "../text/bundled.ts";
import { thrownMessage } from "../text/thrown.ts";

/** The stack frames that are files of the repository, outside node_modules, innermost first. */
function frames(root: string, stack: string): { file: string; line: number; column: number }[] {
  return stackPositions(stack).flatMap((p) => {
    if (!p) return [];
    const file = relative(root, p.file).split(sep).join("/");
    if (file.startsWith("..") || file.includes("node_modules/")) return [];
    return [{ ...p, file }];
  });
}

/**
 * The finding for a module of ours that threw on import: at the innermost line of the sources
 * (dashboards/, alerts/, config/) in its stack, else of the repository, else the module itself.
 */
export function importFinding(root: string, module: string, e: unknown): Finding {
  const all =
    e instanceof Error && e.stack ? [...syntaxErrorAt(root, e), ...frames(root, e.stack)] : [];
  const at = all.find((f) => /^(dashboards|alerts|config)\//.test(f.file)) ?? all[0];
  const where = at ?? { file: module };
  // The compiler names files by their absolute path: the repository's is the reader's own.
  const message = thrownMessage(e).split(`${root}${sep}`).join("");
  return {
    rule: "source/import",
    severity: "error",
    where,
    message: `${module} could not be loaded: ${message}. Fix the source here; nothing was built from it.`,
  };
}

/**
 * Where esbuild (which tsx compiles with) found a syntax error: its message names the place as
 * `file:line:column: ERROR: ...`, the column counted from 0.
 */
function syntaxErrorAt(root: string, e: Error): { file: string; line: number; column: number }[] {
  const m = /^(.+?):(\d+):(\d+): ERROR: /m.exec(e.message);
  if (!m) return [];
  const file = relative(root, isAbsolute(m[1]!) ? m[1]! : join(root, m[1]!))
    .split(sep)
    .join("/");
  return file.startsWith("..") ? [] : [{ file, line: Number(m[2]), column: Number(m[3]) + 1 }];
}
