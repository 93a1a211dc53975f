/**
 * Findings as GitHub Actions workflow commands (`::error file=...,line=...,col=...::message`):
 * printed on stdout in a workflow, each becomes an annotation on that line of the pull request.
 */
import { describeWhere, order, type Finding, type Severity } from "../findings.ts";

/** The runner's escapes: data loses % and line breaks, properties also `:` and `,`. */
const escapeData = (s: string): string =>
  s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string): string =>
  escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub's workflow commands: error, warning and notice. */
const command: Record<Severity, "error" | "warning" | "notice"> = {
  fatal: "error",
  error: "error",
  warning: "warning",
  info: "notice",
};

export function formatGithub(findings: readonly Finding[]): string {
  return [...findings]
    .sort(order)
    .map((f) => {
      const w = f.where;
      const props = [
        ...(w.file ? [`file=${escapeProperty(w.file)}`] : []),
        ...(w.file && w.line !== undefined ? [`line=${w.line}`] : []),
        ...(w.file && w.line !== undefined && w.column ? [`col=${w.column}`] : []),
        `title=${escapeProperty(f.rule)}`,
      ];
      const where = describeWhere({ ...w, line: undefined });
      const text = where ? `[${where}] ${f.message}` : f.message;
      return `::${command[f.severity]} ${props.join(",")}::${escapeData(text)}\n`;
    })
    .join("");
}
