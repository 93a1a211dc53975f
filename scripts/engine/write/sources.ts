import { existsSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { thrownMessage } from "../text/thrown.ts";
import { writeDurably } from "./durable.ts";

/** A staged file: flushed beside its target, renamed over it by `commitSources`. */
export interface Staged {
  target: string;
  temp: string;
}

/** Write `content` next to `target` under a hidden name (`.<name>.<pid>.import.ts`). */
export function stageSource(target: string, content: string): Staged {
  const temp = join(dirname(target), `.${basename(target, ".ts")}.${process.pid}.import.ts`);
  writeDurably(temp, content);
  return { target, temp };
}

export function discardStaged(staged: readonly Staged[]): void {
  for (const s of staged) rmSync(s.temp, { force: true });
}

/**
 * Swap the staged files in, all or none (a new dashboard source and the registry naming it):
 * each target is first moved aside, and if any rename fails the ones done are put back.
 * Returns why it failed, or undefined.
 */
export function commitSources(staged: readonly Staged[]): string | undefined {
  const done: { s: Staged; backup?: string }[] = [];
  try {
    for (const s of staged) {
      const backup = existsSync(s.target) ? `${s.temp}.previous` : undefined;
      if (backup) renameSync(s.target, backup);
      done.push({ s, ...(backup ? { backup } : {}) });
      renameSync(s.temp, s.target);
    }
    for (const d of done) if (d.backup) rmSync(d.backup, { force: true });
    return undefined;
  } catch (e) {
    for (const d of done.reverse()) {
      if (d.backup) renameSync(d.backup, d.s.target);
      else rmSync(d.s.target, { force: true });
    }
    discardStaged(staged);
    return (e as NodeJS.ErrnoException).code ?? thrownMessage(e);
  }
}
