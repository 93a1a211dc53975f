/**
 * `promtool check rules`, when promtool is on PATH: Prometheus' own validation of rule files
 * (the rule file format, PromQL, templates), turned into findings.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Finding } from "../findings.ts";
import type { Position } from "../text/locate.ts";
import { toolEnv } from "./run.ts";

export const promtoolRule = "promtool/check-rules";

/** How promtool (which takes only file names) is given a rule file on its standard input. */
const stdin = "/dev/stdin";

/**
 * `use` a file holding `content` that has no name: created and unlinked at once, so however
 * the process ends (kill -9 included) nothing is left in the temp dir. (A pipe will not do:
 * promtool opens /dev/stdin, which Node's socket-backed pipes refuse.)
 */
function withUnlinkedFile<T>(content: string, use: (fd: number) => T): T {
  const path = join(tmpdir(), `mlmon-rules-${process.pid}-${randomUUID()}.yml`);
  const fd = openSync(path, "wx+");
  try {
    unlinkSync(path);
    writeSync(fd, content, 0); // at position 0, leaving the offset where promtool starts reading
    return use(fd);
  } finally {
    closeSync(fd);
  }
}

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
  locateText: (needle: string) => Position | undefined = () => undefined,
  /** Whether promtool's own line numbers are the file's (not when it read a rule file cut out of it). */
  ownLines = true,
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
    const pos = ownLines ? (text.match(/^(\d+):(\d+): /) ?? text.match(/\bline (\d+)()/)) : null;
    const rule = text.match(/group "([^"]*)", rule (\d+), "([^"]*)"/);
    // promtool numbers rules: that tells duplicates apart, where a name cannot.
    const at = pos
      ? { line: Number(pos[1]), ...(pos[2] ? { column: Number(pos[2]) } : {}) }
      : rule
        ? locateRule(rule[1]!, Number(rule[2]) - 1)
        : quotedValues(text)
            .map(locateText)
            .find((p) => p !== undefined);
    return {
      rule: promtoolRule,
      severity: "error",
      where: { file, ...at, ...(rule ? { group: rule[1]!, alert: rule[3]! } : {}) },
      message: `promtool: ${text.replace(/^\d+:\d+: /, "")}`,
    };
  });
}

/** The values a message quotes (Go's %q), so a message without a position can be placed. */
function quotedValues(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)+)"/g)].flatMap((m) => {
    try {
      return [JSON.parse(`"${m[1]!}"`) as string];
    } catch {
      return [m[1]!];
    }
  });
}

/** What running promtool gave: its findings, or that it is not installed (the caller says so). */
export type PromtoolResult = { ran: true; findings: Finding[] } | { ran: false };

/** A rule file for promtool: a file as it is (path relative to the cwd), or given as text. */
export interface PromtoolInput {
  file: string;
  /**
   * What promtool reads instead of the file on disk, from its standard input: the build's rule
   * file before it is written, or rules cut out of the file (a PrometheusRule's groups).
   */
  text?: string;
  /** Set when `text` is cut out of the file: promtool's line numbers are not the file's. */
  cut?: boolean;
  locateRule?: (group: string, index: number) => Position | undefined;
  /** Where a value a message quotes first appears in the file, for messages without a line. */
  locateText?: (needle: string) => Position | undefined;
}

/** Files on disk per promtool run before each is run alone: a clean batch costs one start. */
const batchSize = 25;

/**
 * Rule files on disk that promtool passes together, with nothing to say: their findings are
 * none. A batch that fails is run file by file, where its output is told apart.
 */
function cleanBatches(cwd: string, inputs: readonly PromtoolInput[]): Set<string> | "missing" {
  const onDisk = inputs.filter((i) => i.text === undefined).map((i) => i.file);
  const clean = new Set<string>();
  for (let i = 0; i < onDisk.length; i += batchSize) {
    const batch = onDisk.slice(i, i + batchSize);
    if (batch.length < 2) break;
    const r = spawnSync("promtool", ["check", "rules", ...batch], {
      cwd,
      env: toolEnv(),
      encoding: "utf8",
    });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return "missing";
    if (!r.error && r.status === 0 && r.stderr.trim() === "") batch.forEach((f) => clean.add(f));
  }
  return clean;
}

/** What promtool printed for one rule file, named as the file was. */
type Run = { error?: Error; status: number | null; stderr: string };

function runOne(cwd: string, { file, text }: PromtoolInput): Run {
  const r =
    text === undefined
      ? spawnSync("promtool", ["check", "rules", file], { cwd, env: toolEnv(), encoding: "utf8" })
      : withUnlinkedFile(text, (fd) =>
          spawnSync("promtool", ["check", "rules", stdin], {
            cwd,
            env: toolEnv(),
            stdio: [fd, "pipe", "pipe"],
            encoding: "utf8",
          }),
        );
  const stderr = text === undefined ? r.stderr : r.stderr?.split(`${stdin}: `).join(`${file}: `);
  return { error: r.error, status: r.status, stderr: stderr ?? "" };
}

/**
 * The first input of the same rules as each input (itself when it is the first): promtool
 * says the same of the same bytes, so a copy (a rule file per cluster, alike) is not run again.
 */
function firstCopies(
  cwd: string,
  inputs: readonly PromtoolInput[],
): Map<PromtoolInput, PromtoolInput> {
  const byContent = new Map<string, PromtoolInput>();
  return new Map(
    inputs.map((input) => {
      let content = input.text;
      try {
        content ??= readFileSync(resolve(cwd, input.file), "utf8");
      } catch {
        return [input, input]; // promtool says why it cannot read it
      }
      const key = createHash("sha256")
        .update(`${input.text === undefined}\n${input.cut ?? false}\n`)
        .update(content)
        .digest("hex");
      const first = byContent.get(key) ?? input;
      byContent.set(key, first);
      return [input, first];
    }),
  );
}

/** Run promtool on each rule file (paths relative to `cwd`). */
export function promtoolFindings(cwd: string, inputs: readonly PromtoolInput[]): PromtoolResult {
  const firstOf = firstCopies(cwd, inputs);
  const firsts = inputs.filter((i) => firstOf.get(i) === i);
  const clean = cleanBatches(cwd, firsts);
  if (clean === "missing") return { ran: false };
  const findings: Finding[] = [];
  const runs = new Map<PromtoolInput, Run>();
  for (const input of inputs) {
    const { file, cut, locateRule, locateText } = input;
    const first = firstOf.get(input)!;
    if (first.text === undefined && clean.has(first.file)) continue;
    const run = runs.get(first) ?? runOne(cwd, first);
    runs.set(first, run);
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return { ran: false };
    if (run.error) {
      findings.push({
        rule: promtoolRule,
        severity: "error",
        where: { file },
        message: `promtool did not run: ${run.error.message}`,
      });
      continue;
    }
    const stderr =
      first === input ? run.stderr : run.stderr.split(`${first.file}: `).join(`${file}: `);
    findings.push(
      ...parsePromtoolStderr(file, stderr, run.status !== 0, locateRule, locateText, !cut),
    );
  }
  return { ran: true, findings };
}
