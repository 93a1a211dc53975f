/**
 * A source module (a dashboard, an alert group, config/platform.ts) that throws while it is
 * imported: a finding at the line of our sources where it threw, not a Node stack trace.
 */
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding } from "../findings.ts";
import { sourceStack } from "../text/bundled.ts";
import { thrownMessage } from "../text/thrown.ts";

const frame = /\((file:\/\/[^)]+?|\/[^)]+?):(\d+):(\d+)\)|at (file:\/\/\S+?|\/\S+?):(\d+):(\d+)$/;

/** The stack frames that are files of the repository, outside node_modules, innermost first. */
function frames(root: string, stack: string): { file: string; line: number; column: number }[] {
  return stack.split("\n").flatMap((l) => {
    const m = frame.exec(l.trim());
    if (!m) return [];
    const raw = m[1] ?? m[4]!;
    const abs = raw.startsWith("file://") ? fileURLToPath(raw) : raw;
    const file = relative(root, abs).split(sep).join("/");
    if (file.startsWith("..") || file.includes("node_modules/")) return [];
    return [{ file, line: Number(m[2] ?? m[5]), column: Number(m[3] ?? m[6]) }];
  });
}

/**
 * The finding for a module of ours that threw on import: at the innermost line of the sources
 * (dashboards/, alerts/, config/) in its stack, else of the repository, else the module itself.
 */
export function importFinding(root: string, module: string, e: unknown): Finding {
  const all = e instanceof Error && e.stack ? frames(root, sourceStack(e.stack)) : [];
  const at = all.find((f) => /^(dashboards|alerts|config)\//.test(f.file)) ?? all[0];
  const where = at ?? { file: module };
  return {
    rule: "source/import",
    severity: "error",
    where,
    message: `${module} could not be loaded: ${thrownMessage(e)}. Fix the source here; nothing was built from it.`,
  };
}
