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
import { platformSettings, runChecks } from "../checks/check.ts";
import { applyPolicy } from "../checks/policy.ts";
import { modelSuppressions, suppressionRule } from "../checks/suppressions.ts";
import { failing, type Finding } from "../findings.ts";
import { findingOptions, report, type Format } from "../cli/report.ts";
import { shortDiff } from "../cli/file-diff.ts";
import type { Command } from "../cli/run.ts";
import { verifyAlertmanagerConfig } from "../promtool/check-alertmanager.ts";
import { verifyRules } from "../promtool/verify-rules.ts";
import { renderAll } from "../render/index.ts";
import { loadSources } from "../sources/load.ts";
import { buildOutputs } from "../outputs.ts";
import { withManifest } from "../write/manifest.ts";
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

export async function build(root: string, opts: BuildOptions): Promise<BuildResult> {
  const { model, findings: sourceFindings } = await loadSources(root);
  // Our sources are held to the platform profile, with the suppressions written in them.
  const checks = [...modelChecks, ...outputChecks];
  const policy = {
    profile: "platform" as const,
    suppressions: model ? modelSuppressions(model) : [],
  };
  const settle = (all: Finding[]) => applyPolicy(all, checks, policy);
  // Whether a stage failed: what a suppression does not excuse (its own problems are for the end).
  const blocked = (all: Finding[]) =>
    failing(
      settle(all).findings.filter((f) => f.rule !== suppressionRule),
      opts.strict,
    ).length > 0;
  const settings = model && platformSettings(model.platform);
  let findings = model
    ? [...sourceFindings, ...runChecks(modelChecks, model, { settings })]
    : sourceFindings;
  let files;
  if (model && !blocked(findings)) {
    const out = renderAll(model);
    files = out.files;
    findings = [
      ...findings,
      ...out.findings,
      ...runChecks(outputChecks, model, { files, settings }),
    ];
    if (!blocked(findings)) {
      findings.push(...verifyRules(model, files), ...verifyAlertmanagerConfig(files));
    }
  }
  const settled = settle(findings);
  const shown = { ...opts, command: "build", suppressed: settled.suppressed.length };
  if (!files || failing(settled.findings, opts.strict).length > 0) {
    report(settled.findings, shown);
    process.stderr.write("Build failed: nothing was written.\n");
    return { exitCode: 1 };
  }
  if (opts.check) {
    const plan = compareOutputs(root, files, buildOutputs);
    const expected = withManifest(buildOutputs, files);
    report([...settled.findings, ...plan.findings], shown);
    const failed = failing(plan.findings, opts.strict).length > 0;
    if (isClean(plan) && !failed) {
      process.stderr.write(`All ${files.size + 1} generated files are up to date.\n`);
      return { exitCode: 0, drift: plan };
    }
    const lines = [
      ...plan.changed.flatMap((p) => [
        `  changed: ${p}`,
        shortDiff(p, readFileSync(join(root, p), "utf8"), expected.get(p)!),
      ]),
      ...plan.missing.map((p) => `  missing: ${p}`),
      ...plan.stale.map((p) => `  stale (no source produces it): ${p}`),
    ];
    if (lines.length > 0) {
      process.stderr.write(
        `Generated files differ from what the sources produce:\n${lines.join("\n")}\nRun \`npm run build\` and commit the result; never edit generated files by hand.\n`,
      );
    }
    return { exitCode: 1, drift: plan };
  }
  const result = await writeOutputs(root, files, buildOutputs, { strict: opts.strict });
  report([...settled.findings, ...result.findings], shown);
  if (!result.written) {
    process.stderr.write("Build failed: nothing was written.\n");
    return { exitCode: 1, drift: result };
  }
  const wrote = result.changed.length + result.missing.length;
  const named = [
    ...result.missing.map((p) => `  created: ${p}`),
    ...result.changed.map((p) => `  updated: ${p}`),
    ...result.stale.map((p) => `  removed: ${p}`),
  ];
  process.stderr.write(
    `Wrote ${wrote} file(s), removed ${result.stale.length}; ${files.size + 1 - wrote} unchanged.\n${named.map((l) => `${l}\n`).join("")}`,
  );
  return { exitCode: 0, drift: result };
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
  run: async ({ values, cwd }) => (await build(cwd, values)).exitCode,
};
