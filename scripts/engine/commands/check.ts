/**
 * npm run check -- <files or folders...> [--strict] [--format json]
 *
 * The build's checks on dashboards and Prometheus rule files from anywhere: exported from the
 * Grafana UI, written by another team, or our own generated output. Metrics are known from our
 * catalogue (config/metrics/) and from the recording rules of alerts/ and of the given files.
 * Exits 1 when a check fails (errors; warnings too with --strict), 2 on a usage error.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { modelChecks } from "../checks/index.ts";
import { runChecks } from "../checks/check.ts";
import { findingOptions, report, type Format } from "../cli/report.ts";
import type { Command } from "../cli/run.ts";
import { failing, type Finding } from "../findings.ts";
import { parseInput, type ParsedInput } from "../sources/foreign.ts";
import { promtoolFindings } from "../promtool/check-rules.ts";
import type { Model } from "../model/index.ts";
import { repoRoot } from "../repo.ts";
import { loadSources } from "../sources/load.ts";

const checkedExtensions = /\.(json|ya?ml)$/i;

const unreadable = (file: string, why: string): Finding => ({
  rule: "check/input",
  severity: "error",
  where: { file },
  message: `Cannot read it (${why}): check the path.`,
});

/** The files named on the command line, folders expanded to the dashboards and YAML inside. */
function expand(cwd: string, args: string[]): { files: string[]; findings: Finding[] } {
  const files: string[] = [];
  const findings: Finding[] = [];
  const display = (abs: string, given: string) => {
    const rel = relative(cwd, abs);
    return rel.startsWith("..") || isAbsolute(rel) ? given : rel.split("\\").join("/");
  };
  const visit = (abs: string, given: string, top: boolean) => {
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      findings.push(unreadable(given, (e as NodeJS.ErrnoException).code ?? String(e)));
      return;
    }
    if (!isDir) {
      if (top || checkedExtensions.test(abs)) files.push(display(abs, given));
      return;
    }
    for (const entry of readdirSync(abs).sort()) {
      visit(join(abs, entry), join(given, entry), false);
    }
  };
  for (const arg of args) visit(resolve(cwd, arg), arg, true);
  return { files: [...new Set(files)], findings };
}

export interface CheckOptions {
  strict: boolean;
  format: Format;
}

export function check(cwd: string, paths: string[], opts: CheckOptions): number {
  const { files, findings } = expand(cwd, paths);
  const inputs: ParsedInput[] = files.flatMap((file) => {
    try {
      return [parseInput(file, readFileSync(resolve(cwd, file), "utf8"))];
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      findings.push(unreadable(file, code));
      return [];
    }
  });
  const { model: ours, findings: catalogueFindings } = loadSources(repoRoot);
  const given = inputs.flatMap((i) => i.ruleGroups ?? []);
  const model: Model = {
    ...ours,
    dashboards: inputs.flatMap((i) => (i.dashboard ? [i.dashboard] : [])),
    // Our rule groups make our recording rules known metrics; their own findings are the
    // build's business and are dropped below.
    ruleGroups: [...ours.ruleGroups, ...given],
  };
  const byFile = new Map(inputs.map((i) => [i.file, i]));
  const ruleFiles = inputs.filter((i) => i.ruleGroups && i.findings.length === 0);
  const promtool = promtoolFindings(cwd, ruleFiles);
  const all = [
    ...findings,
    ...catalogueFindings,
    ...inputs.flatMap((i) => i.findings),
    ...runChecks(modelChecks, model).filter((f) => byFile.has(f.where.file)),
    ...(promtool.ran ? promtool.findings : []),
  ].map((f) => {
    if (f.where.line !== undefined) return f;
    const at = byFile.get(f.where.file)?.locate(f.where);
    return at ? { ...f, where: { ...f.where, ...at } } : f;
  });
  report(all, { ...opts, command: "check" });
  if (opts.format === "text") {
    const note = !promtool.ran && ruleFiles.length > 0 ? " (promtool not on PATH: not run)" : "";
    process.stderr.write(
      `Checked ${files.length} file(s)${note}${all.length === 0 ? ": no findings" : ""}.\n`,
    );
  }
  return failing(all, opts.strict).length > 0 ? 1 : 0;
}

export const checkCommand: Command<typeof findingOptions> = {
  name: "check",
  summary:
    "Run the build's checks on dashboards (JSON) and Prometheus rule files (YAML) from anywhere; folders are searched.",
  options: findingOptions,
  positionals: { name: "<dashboard.json | rules.yml | folder>", min: 1 },
  run: ({ values, positionals, cwd }) => check(cwd, positionals, values),
};
