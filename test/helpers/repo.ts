import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { runCommandIn, type Command, type Options } from "../../scripts/engine/cli/run.ts";

export const repoRoot = resolve(import.meta.dirname, "../..");

/** What a build needs from the repository: sources, inputs and committed outputs. */
const copied = ["package.json", "tsconfig.json", "scripts", "dashboards", "alerts", "config"];

/** A throwaway copy of the repository (node_modules linked), for tests that run the CLI. */
export function copyRepo(): string {
  // A space in the path: the CLIs must still find out they are the script being run.
  const dir = mkdtempSync(join(tmpdir(), "mlmon copy-"));
  for (const entry of copied) cpSync(join(repoRoot, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run one of the commands (scripts/<name>.ts) in `cwd`, with extra environment, as `npm run`
 * does: through that checkout's scripts/launch.mjs.
 */
export function runCli(
  cwd: string,
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): CliRun {
  const r = spawnSync(process.execPath, [join(cwd, "scripts/launch.mjs"), script, ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * What `run` prints, captured, and the exit code it returns: a command's function run in this
 * process, for tests of what a command does, where starting a process (about 1 s of CPU, and a
 * bundle per copy of the repository) is not what they test. Not for concurrent tests: the
 * capture is of this process' stdout and stderr.
 */
export async function inProcess(run: () => number | Promise<number>): Promise<CliRun> {
  const out = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (stream: "stdout" | "stderr") =>
    ((chunk: string | Uint8Array) => {
      out[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture("stdout");
  process.stderr.write = capture("stderr");
  try {
    const status = await run();
    return { status, ...out };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}

/** A command run in this process, as its entry would run it in `cwd` (see inProcess). */
export const runInProcess = <O extends Options>(
  cmd: Command<O>,
  cwd: string,
  args: string[] = [],
): Promise<CliRun> => inProcess(() => runCommandIn(cmd, args, cwd));

/** Every file below `dir/sub` with its bytes, keyed by path relative to `dir`. */
export function snapshot(dir: string, sub = "config"): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string) => {
    if (statSync(abs).isDirectory()) {
      for (const e of readdirSync(abs).sort()) walk(join(abs, e));
    } else out.set(relative(dir, abs), readFileSync(abs, "utf8"));
  };
  walk(join(dir, sub));
  return out;
}
