import { spawn } from "node:child_process";

export interface PromtoolRun {
  status: number | null;
  /** stdout and stderr together. */
  output: string;
}

/** Run the real promtool (from PATH) with `args` in `cwd`. */
export function promtool(args: string[], cwd?: string): Promise<PromtoolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("promtool", args, { cwd });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output }));
  });
}
