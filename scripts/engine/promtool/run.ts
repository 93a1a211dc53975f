import { spawn } from "node:child_process";

export interface ToolRun {
  status: number | null;
  /** stdout and stderr together. */
  output: string;
  stdout: string;
}

/**
 * Run a real binary from PATH (promtool, amtool) with `args` in `cwd`, without blocking; it is
 * killed after `timeoutMs` (its status is then null).
 */
export function runTool(
  binary: string,
  args: string[],
  cwd?: string,
  timeoutMs?: number,
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, ...(timeoutMs ? { timeout: timeoutMs } : {}) });
    let output = "";
    let stdout = "";
    child.stdout.on("data", (d) => {
      output += d;
      stdout += d;
    });
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output, stdout }));
  });
}

export const promtool = (args: string[], cwd?: string, timeoutMs?: number): Promise<ToolRun> =>
  runTool("promtool", args, cwd, timeoutMs);
