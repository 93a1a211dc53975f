import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Finding } from "../findings.ts";
import type { Files } from "../model/index.ts";
import { alertmanagerConfigPath } from "../outputs.ts";
import { toolEnv } from "./run.ts";

export const amtoolRule = "amtool/check-config";

/**
 * Alertmanager's own word on the configuration about to be written: `amtool check-config` on
 * the rendered alertmanager.yml, in a scratch folder. Alertmanager refuses to start (or to
 * reload) on a configuration it rejects, and then no alert reaches anyone. Without amtool: a
 * warning, and an error in CI.
 */
export function verifyAlertmanagerConfig(files: Files): Finding[] {
  const content = files.get(alertmanagerConfigPath);
  if (content === undefined) return [];
  const dir = mkdtempSync(join(tmpdir(), "mlmon-alertmanager-"));
  try {
    const target = join(dir, alertmanagerConfigPath);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    const r = spawnSync("amtool", ["check-config", alertmanagerConfigPath], {
      cwd: dir,
      env: toolEnv(),
      encoding: "utf8",
    });
    const where = { file: alertmanagerConfigPath };
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
      return [
        {
          rule: amtoolRule,
          severity: process.env.CI === "true" ? "error" : "warning",
          where,
          message:
            "amtool is not on PATH, so Alertmanager did not check this configuration: run `npm run setup`.",
        },
      ];
    }
    if (r.status === 0 && !r.error) return [];
    // amtool prints `Checking '<file>'  FAILED: <why>` on stdout, and a summary on stderr.
    const why = `${r.stdout}`.match(/FAILED: ([^]*)$/)?.[1]?.trim();
    return [
      {
        rule: amtoolRule,
        severity: "error",
        where,
        message: `amtool check-config: ${why ?? (r.error?.message || `${r.stdout}${r.stderr}`.trim())}. Fix platform.alerting in config/platform.ts.`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
