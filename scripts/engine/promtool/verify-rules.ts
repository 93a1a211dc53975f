import type { Finding } from "../findings.ts";
import {
  promtoolFindings,
  promtoolRule,
  type PromtoolInput,
  type PromtoolResult,
} from "./check-rules.ts";
import type { Files, Model } from "../model/index.ts";
import { atSource } from "../model/where.ts";
import { alertsPath, stackRulesPath } from "../outputs.ts";

/**
 * Prometheus' own word on the rule file about to be written: `promtool check rules` on the
 * rendered alerts.yml, handed over on its standard input (no scratch file, so nothing is left
 * behind however the build ends). The grammar the static checks use can accept what the
 * installed Prometheus rejects (newer syntax, escapes), and Prometheus drops a rule file whole.
 * Without promtool: a warning, and an error in CI, which must never ship a rule file Prometheus
 * has not read.
 */
export function verifyRules(
  model: Model,
  files: Files,
  /** Runs promtool on the rendered rule files (the watch keeps the verdict of the texts it ran). */
  promtool: (inputs: PromtoolInput[]) => PromtoolResult = (inputs) => promtoolFindings(".", inputs),
): Finding[] {
  const result = promtool(
    [alertsPath, stackRulesPath].map((file) => ({ file, text: files.get(file) ?? "" })),
  );
  if (result.ran) return result.findings.map((f) => atRuleSource(model, f));
  return [
    {
      rule: promtoolRule,
      severity: process.env.CI === "true" ? "error" : "warning",
      where: { file: alertsPath },
      message:
        "promtool is not on PATH, so Prometheus did not check this rule file: run `npm run setup`.",
    },
  ];
}

/**
 * A promtool finding on a rule of the rendered file, moved to the rule's source (the
 * `alert(...)` call), with the rendered file's line kept in the message.
 */
export function atRuleSource(model: Model, f: Finding): Finding {
  const { group, alert, line } = f.where;
  const g = model.ruleGroups.find((x) => x.group.name === group);
  if (!g || alert === undefined) return f;
  const where = atSource(model, { file: g.file, group: g.group.name, alert });
  const rendered = line !== undefined ? `${alertsPath} line ${line}` : alertsPath;
  return { ...f, where, message: `${f.message} (in ${rendered})` };
}
