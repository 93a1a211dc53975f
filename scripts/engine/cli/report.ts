import { modelChecks, outputChecks } from "../checks/index.ts";
import { failing, foldCascades, formatJson, formatText, type Finding } from "../findings.ts";
import { formatGithub } from "./github.ts";
import { formatJunit } from "./junit.ts";
import { formatSarif } from "./sarif.ts";

export const formats = ["text", "json", "sarif", "github", "junit"] as const;
export type Format = (typeof formats)[number];

/** The options every command that reports findings takes. */
export const findingOptions = {
  strict: { type: "boolean", description: "Fail on warnings too, not only on errors." },
  format: {
    type: "string",
    choices: formats,
    default: "text",
    description:
      "How findings are printed: text on stderr; JSON, SARIF 2.1.0, GitHub workflow commands or JUnit XML on stdout.",
  },
} as const;

export interface ReportOptions {
  format: Format;
  strict: boolean;
  /** The command reporting: names the JUnit test suites. */
  command: string;
  /** How many findings a suppression silenced: counted in the text's closing line. */
  suppressed?: number;
}

/** Print findings the way the user asked; text goes to stderr so stdout stays parseable. */
export function report(all: readonly Finding[], o: ReportOptions): void {
  const findings = foldCascades(all);
  const fails = new Set(failing(findings, o.strict));
  switch (o.format) {
    case "text":
      if (findings.length > 0 || (o.suppressed ?? 0) > 0) {
        process.stderr.write(formatText(findings, o.suppressed ?? 0));
      }
      return;
    case "json":
      process.stdout.write(formatJson(findings));
      return;
    case "sarif":
      process.stdout.write(formatSarif(findings, [...modelChecks, ...outputChecks]));
      return;
    case "github":
      process.stdout.write(formatGithub(findings));
      return;
    case "junit":
      process.stdout.write(formatJunit(o.command, findings, (f) => fails.has(f)));
      return;
  }
}
