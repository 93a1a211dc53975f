/**
 * npm run build [-- --check | --watch] [--strict] [--format json]
 *
 * sources -> model -> checks -> render -> (output checks, promtool) -> write. Nothing is written
 * unless every check passes; with --check nothing is written at all and every stale generated
 * file is named.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { failing } from "../findings.ts";
import { findingOptions, report, type Format } from "../cli/report.ts";
import { shortDiff } from "../cli/file-diff.ts";
import { UsageError, type Command } from "../cli/run.ts";
import { checkedBuild } from "./build-pipeline.ts";
import { watchBuild } from "./watch-build.ts";
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
  const { files, findings, suppressed } = await checkedBuild(root, opts.strict);
  const shown = { ...opts, command: "build", suppressed };
  if (!files) {
    report(findings, shown);
    process.stderr.write("Build failed: nothing was written.\n");
    return { exitCode: 1 };
  }
  if (opts.check) {
    const plan = compareOutputs(root, files, buildOutputs);
    const expected = withManifest(buildOutputs, files);
    report([...findings, ...plan.findings], shown);
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
  report([...findings, ...result.findings], shown);
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
  watch: {
    type: "boolean",
    description:
      "Build, then rebuild on every change to the sources, the catalogue or the schemas, printing findings as they come and go (Ctrl-C stops).",
  },
  ...findingOptions,
} as const;

export const buildCommand: Command<typeof options> = {
  name: "build",
  summary:
    "Load the sources, run every check, render config/ and write it (only when no check fails).",
  options,
  run: async ({ values, cwd }) => {
    if (!values.watch) return (await build(cwd, values)).exitCode;
    if (values.check) throw new UsageError("--watch writes; it cannot be combined with --check");
    if (values.format !== "text" && values.format !== "json") {
      throw new UsageError(`--watch prints text or json, not ${values.format}`);
    }
    return watchBuild(cwd, { strict: values.strict, format: values.format });
  },
};
