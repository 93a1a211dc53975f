import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toolEnv } from "../promtool/run.ts";

/**
 * Load OpenMetrics text into TSDB blocks under `<dir>/data` (where `startPrometheus({ dir })`
 * looks) with `promtool tsdb create-blocks-from openmetrics`. The blocks are immutable
 * history: the server serves them, and its own rule evaluations append after them.
 */
export function createBlocks(openMetrics: string, dir: string): void {
  const dataDir = join(dir, "data");
  mkdirSync(dataDir, { recursive: true });
  const input = join(dir, "synthetic.om");
  writeFileSync(input, openMetrics);
  try {
    const r = spawnSync(
      "promtool",
      ["tsdb", "create-blocks-from", "openmetrics", "--quiet", input, dataDir],
      { encoding: "utf8", timeout: 120_000, env: toolEnv() },
    );
    if (r.status !== 0) {
      throw new Error(
        `promtool tsdb create-blocks-from openmetrics failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stderr}${r.stdout}`,
      );
    }
  } finally {
    rmSync(input, { force: true });
  }
}
