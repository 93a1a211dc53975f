/**
 * npm run build [-- --check] [--strict] [--format json]
 *
 * sources -> model -> checks -> render -> (output checks, promtool) -> write. Nothing is written
 * unless every check passes; with --check nothing is written at all and every stale generated
 * file is named.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { modelChecks, outputChecks } from "../checks/index.ts";
import { runChecks } from "../checks/check.ts";
import { failing } from "../findings.ts";
import { findingOptions, report, type Format } from "../cli/report.ts";
import { shortDiff } from "../cli/file-diff.ts";
import type { Command } from "../cli/run.ts";
import { verifyAlertmanagerConfig } from "../promtool/check-alertmanager.ts";
import { verifyRules } from "../promtool/verify-rules.ts";
import { renderAll } from "../render/index.ts";
import { loadSources } from "../sources/load.ts";
import { compareOutputs, isClean, writeOutputs, type Drift } from "../write/outputs.ts";

export interface BuildResult {
  exitCode: number;
  drift?: Drift;
}

export interface BuildOptions {
  check: boolean;
  strict: boolean;
  format: Format;
}

export function build(root: string, opts: BuildOptions): BuildResult {
  const { model, findings: sourceFindings } = loadSources(root);
  let findings = [...sourceFindings, ...runChecks(modelChecks, model)];
  let files;
  if (failing(findings, opts.strict).length === 0) {
    const out = renderAll(model);
    files = out.files;
    findings = [...findings, ...out.findings, ...runChecks(outputChecks, model, files)];
    if (failing(findings, opts.strict).length === 0) {
      findings.push(...verifyRules(model, files), ...verifyAlertmanagerConfig(files));
    }
  }
  report(findings, { ...opts, command: "build" });
  if (!files || failing(findings, opts.strict).length > 0) {
    process.stderr.write("Build failed: nothing was written.\n");
    return { exitCode: 1 };
  }
  if (opts.check) {
    const drift = compareOutputs(root, files);
    if (isClean(drift)) {
      process.stderr.write(`All ${files.size} generated files are up to date.\n`);
      return { exitCode: 0, drift };
    }
    const lines = [
      ...drift.changed.flatMap((p) => [
        `  changed: ${p}`,
        shortDiff(p, readFileSync(join(root, p), "utf8"), files.get(p)!),
      ]),
      ...drift.missing.map((p) => `  missing: ${p}`),
      ...drift.stale.map((p) => `  stale (no source produces it): ${p}`),
    ];
    process.stderr.write(
      `Generated files differ from what the sources produce:\n${lines.join("\n")}\nRun \`npm run build\` and commit the result; never edit generated files by hand.\n`,
    );
    return { exitCode: 1, drift };
  }
  const drift = writeOutputs(root, files);
  const touched = drift.changed.length + drift.missing.length + drift.stale.length;
  const named = [
    ...drift.missing.map((p) => `  created: ${p}`),
    ...drift.changed.map((p) => `  updated: ${p}`),
    ...drift.stale.map((p) => `  removed: ${p}`),
  ];
  process.stderr.write(
    `Wrote ${drift.changed.length + drift.missing.length} file(s), removed ${drift.stale.length}; ${files.size - touched + drift.stale.length} unchanged.\n${named.map((l) => `${l}\n`).join("")}`,
  );
  return { exitCode: 0, drift };
}

const options = {
  check: {
    type: "boolean",
    description: "Write nothing; fail naming every generated file that is stale.",
  },
  ...findingOptions,
} as const;

export const buildCommand: Command<typeof options> = {
  name: "build",
  summary:
    "Load the sources, run every check, render config/ and write it (only when no check fails).",
  options,
  run: ({ values, cwd }) => build(cwd, values).exitCode,
};
