/**
 * npm run check -- <files or folders...> [--strict] [--format json]
 *
 * The build's checks on dashboards and Prometheus rule files from anywhere: exported from the
 * Grafana UI, written by another team, or our own generated output. Metrics are known from our
 * catalogue (config/metrics/) and from the recording rules of alerts/ and of the given files.
 * Exits 1 when a check fails (errors; warnings too with --strict), 2 on a usage error.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { modelChecks } from "../checks/index.ts";
import { runChecks } from "../checks/check.ts";
import { findingOptions, report, type Format } from "../cli/report.ts";
import type { Command } from "../cli/run.ts";
import { failing, foldCascades, type Finding } from "../findings.ts";
import { limits } from "../limits.ts";
import { parseInput, type ParsedInput } from "../sources/foreign.ts";
import { thrownMessage } from "../text/thrown.ts";
import { promtoolFindings } from "../promtool/check-rules.ts";
import type { Model } from "../model/index.ts";
import { repoRoot } from "../repo.ts";
import { loadSources } from "../sources/load.ts";

const checkedExtensions = /\.(json|ya?ml)$/i;

const inputProblem = (
  file: string,
  message: string,
  severity: Finding["severity"] = "error",
): Finding => ({
  rule: "check/input",
  severity,
  where: { file },
  message,
});

const why = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "it does not exist, or is a link to nothing: check the path";
  if (code === "EACCES") return "permission denied";
  return code ?? thrownMessage(e);
};

/**
 * The files named on the command line, folders expanded to the dashboards and YAML inside.
 * Inside a folder, a link to a folder is not followed (it could loop); a folder with nothing to
 * check is an error, so a mistyped path in CI cannot pass.
 */
function expand(cwd: string, args: string[]): { files: string[]; findings: Finding[] } {
  const files: string[] = [];
  const findings: Finding[] = [];
  const display = (abs: string, given: string) => {
    const rel = relative(cwd, abs);
    return rel.startsWith("..") || isAbsolute(rel) ? given : rel.split("\\").join("/");
  };
  const seen = new Set<string>();
  const visit = (abs: string, given: string, top: boolean): number => {
    let isDir: boolean;
    try {
      if (!top && lstatSync(abs).isSymbolicLink() && statSync(abs).isDirectory()) {
        findings.push(
          inputProblem(
            given,
            "A link to a folder: not followed. Name the folder itself to check it.",
            "warning",
          ),
        );
        return 0;
      }
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      if (top || checkedExtensions.test(abs))
        findings.push(inputProblem(given, `Cannot read it (${why(e)}).`));
      return 0;
    }
    if (!isDir) {
      if (!top && !checkedExtensions.test(abs)) return 0;
      files.push(display(abs, given));
      return 1;
    }
    const real = realpathSync(abs);
    if (seen.has(real)) return 0;
    seen.add(real);
    let count = 0;
    for (const entry of readdirSync(abs).sort())
      count += visit(join(abs, entry), join(given, entry), false);
    if (top && count === 0) {
      findings.push(
        inputProblem(
          given,
          "An empty folder: no dashboard (*.json) or rule file (*.yml, *.yaml) in it or below it, so nothing was checked. Check the path.",
        ),
      );
    }
    return count;
  };
  for (const arg of args) visit(resolve(cwd, arg), arg, true);
  return { files: [...new Set(files)], findings };
}

/** Read one file given to `npm run check`: its model, or findings; never an exception. */
function readInput(cwd: string, file: string): ParsedInput | Finding {
  try {
    const size = statSync(resolve(cwd, file)).size;
    if (size > limits.fileBytes) {
      return inputProblem(
        file,
        `It is ${Math.round(size / 2 ** 20)} MiB: files larger than ${limits.fileBytes / 2 ** 20} MiB are not checked.`,
      );
    }
    return parseInput(file, readFileSync(resolve(cwd, file), "utf8"));
  } catch (e) {
    return inputProblem(file, `Cannot read it (${why(e)}).`);
  }
}

export interface CheckResult {
  files: string[];
  findings: Finding[];
  /** Rule files that promtool would have checked, had it been on PATH. */
  promtoolMissing: number;
}

type Sources = Awaited<ReturnType<typeof loadSources>>;

/**
 * Every finding about the given files (and about our own catalogue, which they are checked
 * against). `sources` are this repository's, loaded once by a caller that checks many times.
 */
export async function checkPaths(
  cwd: string,
  paths: string[],
  sources?: Sources,
): Promise<CheckResult> {
  const { files, findings } = expand(cwd, paths);
  const inputs: ParsedInput[] = [];
  for (const file of files) {
    const read = readInput(cwd, file);
    if ("rule" in read) findings.push(read);
    else inputs.push(read);
  }
  const { model: ours, findings: sourceFindings } = sources ?? (await loadSources(repoRoot));
  if (!ours) return { files, findings: [...findings, ...sourceFindings], promtoolMissing: 0 };
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
    ...sourceFindings,
    ...inputs.flatMap((i) => i.findings),
    ...runChecks(modelChecks, model).filter((f) => byFile.has(f.where.file)),
    ...(promtool.ran ? promtool.findings : []),
  ];
  for (const input of inputs) {
    const unplaced = all.filter((f) => f.where.file === input.file && f.where.line === undefined);
    input.locate(unplaced.map((f) => f.where)).forEach((at, i) => {
      if (at) unplaced[i]!.where = { ...unplaced[i]!.where, ...at };
    });
  }
  return {
    files,
    findings: foldCascades(all),
    promtoolMissing: promtool.ran ? 0 : ruleFiles.length,
  };
}

export interface CheckOptions {
  strict: boolean;
  format: Format;
}

export async function check(cwd: string, paths: string[], opts: CheckOptions): Promise<number> {
  const { files, findings, promtoolMissing } = await checkPaths(cwd, paths);
  report(findings, { ...opts, command: "check" });
  if (opts.format === "text") {
    const note = promtoolMissing > 0 ? " (promtool not on PATH: not run)" : "";
    process.stderr.write(
      `Checked ${files.length} file(s)${note}${findings.length === 0 ? ": no findings" : ""}.\n`,
    );
  }
  return failing(findings, opts.strict).length > 0 ? 1 : 0;
}

export const checkCommand: Command<typeof findingOptions> = {
  name: "check",
  summary:
    "Run the build's checks on dashboards (JSON) and Prometheus rule files (YAML) from anywhere; folders are searched.",
  options: findingOptions,
  positionals: { name: "<dashboard.json | rules.yml | folder>", min: 1 },
  run: ({ values, positionals, cwd }) => check(cwd, positionals, values),
};
