/**
 * A finding is what every check returns: a rule id shaped `group/name`, a severity, where it
 * was found and a message that says what to do about it.
 */
/**
 * Like pint's: `fatal` for input that cannot be read at all (nothing else in it was checked),
 * `error` for a defect, `warning` for a likely one, `info` for what is worth knowing but never
 * fails a run.
 */
export const findingSeverities = ["fatal", "error", "warning", "info"] as const;
export type Severity = (typeof findingSeverities)[number];

export interface Where {
  /** Source file the finding belongs to (a dashboard module, an alert group, a catalogue file). */
  file: string;
  line?: number;
  column?: number;
  dashboard?: string;
  panel?: { id?: number; title?: string };
  refId?: string;
  variable?: string;
  group?: string;
  alert?: string;
  /** JSON pointer into the rendered document. */
  pointer?: string;
}

/** A broken catalogue entry other findings follow from. */
export interface Cause {
  file: string;
  line: number;
}

/**
 * Rule ids of findings that come from reading the input and running promtool rather than from a
 * check: a suppression or a config file may name them too.
 */
export const inputRules = [
  "json/parse",
  "yaml/parse",
  "check/input",
  "check/config",
  "catalogue/yaml",
  "catalogue/invalid",
  "catalogue/duplicate",
  "schema/load",
  "promtool/check-rules",
] as const;

export interface Finding {
  rule: string;
  severity: Severity;
  where: Where;
  message: string;
  /** Set when the finding only follows from a broken catalogue entry: foldCascades folds it. */
  followsFrom?: Cause;
}

/** Findings that fail the run: fatal ones and errors always, warnings too under --strict. */
export const failing = (findings: readonly Finding[], strict: boolean): Finding[] =>
  findings.filter(
    (f) => f.severity === "fatal" || f.severity === "error" || (strict && f.severity === "warning"),
  );

/** The closing line: errors and warnings always, fatal, info and suppressed ones when there are. */
export function summaryLine(findings: readonly Finding[], suppressed = 0): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts = [
    ...(count("fatal") > 0 ? [`${count("fatal")} fatal`] : []),
    `${count("error")} error(s)`,
    `${count("warning")} warning(s)`,
    ...(count("info") > 0 ? [`${count("info")} info`] : []),
    ...(suppressed > 0 ? [`${suppressed} suppressed`] : []),
  ];
  return parts.join(", ");
}

/** Where a finding is, in words: line, dashboard, panel, target, rule, pointer. */
export function describeWhere(w: Where): string {
  const parts: string[] = [];
  if (w.line !== undefined) parts.push(`line ${w.line}${w.column ? `:${w.column}` : ""}`);
  if (w.dashboard !== undefined) parts.push(`dashboard ${w.dashboard}`);
  if (w.panel) {
    const id = w.panel.id === undefined ? "" : ` (id ${w.panel.id})`;
    parts.push(`panel "${w.panel.title ?? ""}"${id}`);
  }
  if (w.refId !== undefined) parts.push(`target ${w.refId}`);
  if (w.variable !== undefined) parts.push(`variable $${w.variable}`);
  if (w.group !== undefined) parts.push(`group ${w.group}`);
  if (w.alert !== undefined) parts.push(`rule ${w.alert}`);
  if (w.pointer !== undefined) parts.push(`at ${w.pointer || "/"}`);
  return parts.join(", ");
}

export const order = (a: Finding, b: Finding): number =>
  a.where.file.localeCompare(b.where.file, "en") ||
  (a.where.line ?? 0) - (b.where.line ?? 0) ||
  a.rule.localeCompare(b.rule, "en") ||
  a.message.localeCompare(b.message, "en");

/** Human-readable report, grouped by file, in a stable order; `suppressed` is counted at the end. */
export function formatText(findings: readonly Finding[], suppressed = 0): string {
  return `${formatList(findings)}${summaryLine(findings, suppressed)}\n`;
}

/** The findings grouped by file, one block each, without the closing count. */
export function formatList(findings: readonly Finding[]): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of [...findings].sort(order)) {
    const list = byFile.get(f.where.file) ?? [];
    list.push(f);
    byFile.set(f.where.file, list);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(file);
    for (const f of list) {
      const where = describeWhere(f.where);
      out.push(`  ${f.severity} ${f.rule}${where ? ` [${where}]` : ""}`);
      for (const line of f.message.split("\n")) out.push(`    ${line}`);
    }
  }
  return out.map((l) => `${l}\n`).join("");
}

export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify([...findings].sort(order), null, 2) + "\n";
}

/**
 * Findings that only follow from another (an unknown metric whose catalogue entry is broken),
 * folded into one finding at their cause: "N findings follow from the catalogue error at
 * file:line" instead of one per query.
 */
export function foldCascades(findings: readonly Finding[]): Finding[] {
  const kept: Finding[] = [];
  const causes = new Map<string, { cause: Cause; list: Finding[] }>();
  for (const f of findings) {
    if (!f.followsFrom) {
      kept.push(f);
      continue;
    }
    const key = `${f.followsFrom.file}:${f.followsFrom.line}`;
    const entry = causes.get(key) ?? { cause: f.followsFrom, list: [] };
    entry.list.push(f);
    causes.set(key, entry);
  }
  for (const { cause, list } of causes.values()) {
    const files = [...new Set(list.map((f) => f.where.file))].sort();
    const rules = [...new Set(list.map((f) => f.rule))].sort();
    kept.push({
      rule: "catalogue/cascade",
      severity: "error",
      where: { file: cause.file, line: cause.line },
      message: `${list.length} finding(s) (${rules.join(", ")}) in ${files.join(", ")} follow from the catalogue error at ${cause.file}:${cause.line}: fix it first; they are not shown one by one.`,
    });
  }
  return kept;
}
