import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Finding } from "../findings.ts";
import { promtoolFindings, promtoolRule } from "./check-rules.ts";
import type { Files } from "../model/index.ts";
import { alertsPath } from "../outputs.ts";

/**
 * Prometheus' own word on the rule file about to be written: `promtool check rules` on the
 * rendered alerts.yml, in a scratch folder (nothing in config/ is touched). The grammar the
 * static checks use can accept what the installed Prometheus rejects (newer syntax, escapes),
 * and Prometheus drops a rule file whole. Without promtool: a warning, and an error in CI, which
 * must never ship a rule file Prometheus has not read.
 */
export function verifyRules(files: Files): Finding[] {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-rules-"));
  try {
    const target = join(dir, alertsPath);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, files.get(alertsPath) ?? "");
    const result = promtoolFindings(dir, [{ file: alertsPath }]);
    if (result.ran) return result.findings;
    return [
      {
        rule: promtoolRule,
        severity: process.env.CI === "true" ? "error" : "warning",
        where: { file: alertsPath },
        message:
          "promtool is not on PATH, so Prometheus did not check this rule file: run `npm run setup`.",
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
