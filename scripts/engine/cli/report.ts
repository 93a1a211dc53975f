import { formatJson, formatText, type Finding } from "../findings.ts";

export const formats = ["text", "json"] as const;
export type Format = (typeof formats)[number];

/** The options every command that reports findings takes. */
export const findingOptions = {
  strict: { type: "boolean", description: "Fail on warnings too, not only on errors." },
  format: {
    type: "string",
    choices: formats,
    default: "text",
    description: "How findings are printed: text on stderr, or JSON on stdout.",
  },
} as const;

/** Print findings the way the user asked; text goes to stderr so stdout stays parseable. */
export function report(findings: readonly Finding[], format: Format): void {
  if (format === "json") process.stdout.write(formatJson(findings));
  else if (findings.length > 0) process.stderr.write(formatText(findings));
}
