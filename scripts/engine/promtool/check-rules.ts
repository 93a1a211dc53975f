/**
 * `promtool check rules`, when promtool is on PATH: Prometheus' own validation of rule files
 * (the rule file format, PromQL, templates), turned into findings.
 */
import { spawnSync } from "node:child_process";
import type { Finding } from "../findings.ts";
import type { Position } from "../text/locate.ts";

export const promtoolRule = "promtool/check-rules";

/**
 * promtool's stderr for one file. A failure is a line `file: [line:col: ]group "g", rule 1,
 * "Name": message`, possibly followed by indented lines; without a failure, what it prints
 * there are lint warnings (duplicate rules).
 */
export function parsePromtoolStderr(
  file: string,
  stderr: string,
  failed: boolean,
  locateRule: (group: string, index: number) => Position | undefined = () => undefined,
): Finding[] {
  if (!failed) {
    const text = stderr.trim();
    return text
      ? [{ rule: promtoolRule, severity: "warning", where: { file }, message: `promtool: ${text}` }]
      : [];
  }
  const errors: string[] = [];
  for (const line of stderr.split("\n")) {
    if (line.startsWith(`${file}: `)) errors.push(line.slice(file.length + 2));
    else if (/^\s+\S/.test(line) && !/^\s*FAILED:/.test(line) && errors.length > 0) {
      errors[errors.length - 1] += `\n${line.trim()}`;
    }
  }
  if (errors.length === 0) errors.push(stderr.trim() || "failed without saying why.");
  return [...new Set(errors)].map((text) => {
    const pos = text.match(/^(\d+):(\d+): /) ?? text.match(/\bline (\d+)()/);
    const rule = text.match(/group "([^"]*)", rule (\d+), "([^"]*)"/);
    // promtool numbers rules: that tells duplicates apart, where a name cannot.
    const at = pos
      ? { line: Number(pos[1]), ...(pos[2] ? { column: Number(pos[2]) } : {}) }
      : rule && locateRule(rule[1]!, Number(rule[2]) - 1);
    return {
      rule: promtoolRule,
      severity: "error",
      where: { file, ...at, ...(rule ? { group: rule[1]!, alert: rule[3]! } : {}) },
      message: `promtool: ${text.replace(/^\d+:\d+: /, "")}`,
    };
  });
}

/** What running promtool gave: its findings, or that it is not installed (the caller says so). */
export type PromtoolResult = { ran: true; findings: Finding[] } | { ran: false };

/** Run promtool on each rule file (paths relative to `cwd`). */
export function promtoolFindings(
  cwd: string,
  files: readonly {
    file: string;
    locateRule?: (group: string, index: number) => Position | undefined;
  }[],
): PromtoolResult {
  const findings: Finding[] = [];
  for (const { file, locateRule } of files) {
    const r = spawnSync("promtool", ["check", "rules", file], { cwd, encoding: "utf8" });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return { ran: false };
    if (r.error) {
      findings.push({
        rule: promtoolRule,
        severity: "error",
        where: { file },
        message: `promtool did not run: ${r.error.message}`,
      });
    } else findings.push(...parsePromtoolStderr(file, r.stderr, r.status !== 0, locateRule));
  }
  return { ran: true, findings };
}
