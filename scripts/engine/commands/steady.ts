/**
 * npm run steady [-- --runs 50] [--minutes 10] [--suite test/prometheus]
 *
 * The Prometheus tests (or another suite) run again and again, each run in a vitest of its own,
 * stopping at the first failure: a test that fails one run in fifty is a failing test. Bounded:
 * a run that takes longer than --minutes is stopped and counts as a failure.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { UsageError, type Command } from "../cli/run.ts";

interface Run {
  ok: boolean;
  seconds: number;
  output: string;
}

function runOnce(cwd: string, suite: string, timeoutMs: number): Promise<Run> {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const vitest = join(cwd, "node_modules/vitest/vitest.mjs");
    const child = spawn(process.execPath, [vitest, "run", suite], {
      cwd,
      env: { ...process.env, CI: process.env.CI ?? "true" },
      timeout: timeoutMs,
      killSignal: "SIGKILL",
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const why = signal ? `\n(stopped after ${timeoutMs / 60_000} min: ${signal})` : "";
      resolve({ ok: code === 0, seconds, output: output + why });
    });
  });
}

const options = {
  runs: { type: "string", description: "How many runs in a row.", default: "50" },
  minutes: { type: "string", description: "The bound on one run, in minutes.", default: "10" },
  suite: { type: "string", description: "The test path vitest runs.", default: "test/prometheus" },
} as const;

const positive = (name: string, value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} takes a positive number`);
  return n;
};

export const steadyCommand: Command<typeof options> = {
  name: "steady",
  summary:
    "Run the Prometheus tests again and again (CI=true, so nothing is skipped), stopping at the first failure.",
  options,
  run: async ({ values, cwd }) => {
    const runs = positive("runs", values.runs);
    const timeoutMs = positive("minutes", values.minutes) * 60_000;
    for (let i = 1; i <= runs; i++) {
      const r = await runOnce(cwd, values.suite, timeoutMs);
      process.stderr.write(
        `run ${i}/${runs}: ${r.ok ? "passed" : "FAILED"} in ${r.seconds.toFixed(1)} s\n`,
      );
      if (!r.ok) {
        process.stderr.write(`${r.output}\n${values.suite} failed on run ${i} of ${runs}.\n`);
        return 1;
      }
    }
    process.stderr.write(`${values.suite}: ${runs} runs in a row, no failure.\n`);
    return 0;
  },
};
