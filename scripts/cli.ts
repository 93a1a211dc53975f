import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { formatJson, formatText, type Finding } from "./findings.ts";

/** Options shared by the CLI entries. */
export interface CliOptions {
  check: boolean;
  strict: boolean;
  format: "text" | "json";
  rest: string[];
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { check: false, strict: false, format: "text", rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--check") opts.check = true;
    else if (a === "--strict") opts.strict = true;
    else if (a === "--format" || a.startsWith("--format=")) {
      const v = a.includes("=") ? a.split("=")[1] : argv[++i];
      if (v !== "text" && v !== "json") throw new Error(`--format takes text or json, not "${v}"`);
      opts.format = v;
    } else if (a.startsWith("--")) throw new Error(`Unknown option ${a}`);
    else opts.rest.push(a);
  }
  return opts;
}

/** Print findings the way the user asked; text goes to stderr so stdout stays parseable. */
export function report(findings: readonly Finding[], format: CliOptions["format"]): void {
  if (format === "json") process.stdout.write(formatJson(findings));
  else if (findings.length > 0) process.stderr.write(formatText(findings));
}

/**
 * Whether the module at `moduleUrl` is the script node was started with (not imported). The
 * comparison goes through real paths and file URLs: a checkout under a path with spaces or
 * behind a symlink must still run its CLIs.
 */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(realpathSync(script)).href === moduleUrl;
}
