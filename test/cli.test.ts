import { rmSync } from "node:fs";
import { describe, expect, it, onTestFinished } from "vitest";
import { parseCommandArgs, usage, UsageError } from "../scripts/engine/cli/run.ts";
import { buildCommand } from "../scripts/engine/commands/build.ts";
import { checkCommand } from "../scripts/engine/commands/check.ts";
import { reviewCommand } from "../scripts/engine/commands/review.ts";
import { schemaCommand } from "../scripts/engine/commands/schema.ts";
import { copyRepo, runCli } from "./helpers/repo.ts";

describe("the command runner", () => {
  it.each([
    [
      buildCommand,
      ["--check", "--strict", "--format", "json"],
      { check: true, watch: false, strict: true, format: "json" },
      [],
    ],
    [buildCommand, [], { check: false, watch: false, strict: false, format: "text" }, []],
    [buildCommand, ["--watch"], { check: false, watch: true, strict: false, format: "text" }, []],
    [
      checkCommand,
      ["a.json", "--format=json", "b.yml"],
      { strict: false, format: "json", catalogue: [], "no-catalogue": false },
      ["a.json", "b.yml"],
    ],
    [
      checkCommand,
      ["a.json", "--profile", "platform", "--catalogue", "x/", "--catalogue", "y.yaml"],
      {
        strict: false,
        format: "text",
        profile: "platform",
        catalogue: ["x/", "y.yaml"],
        "no-catalogue": false,
      },
      ["a.json"],
    ],
    [schemaCommand, ["--check"], { check: true }, []],
    [
      reviewCommand,
      ["--base", "main", "--no-pictures"],
      { base: "main", format: "markdown", pictures: "review-pictures", "no-pictures": true },
      [],
    ],
  ])("%#: parses what each command takes", (cmd, argv, values, positionals) => {
    expect(parseCommandArgs(cmd as typeof buildCommand, argv)).toEqual({
      values,
      positionals,
      help: false,
    });
  });

  it.each([
    [buildCommand, ["--check", "no-such-thing"], 'unexpected argument "no-such-thing"'],
    [checkCommand, ["--check", "a.json"], "Unknown option '--check'"],
    [checkCommand, [], "name at least 1 <dashboard.json | rules.yml | folder>"],
    [
      buildCommand,
      ["--format", "xml"],
      '--format takes text or json or sarif or github or junit, not "xml"',
    ],
    [schemaCommand, ["--strict"], "Unknown option '--strict'"],
    [reviewCommand, ["--format", "sarif"], '--format takes markdown or json, not "sarif"'],
    [reviewCommand, ["HEAD~1"], 'unexpected argument "HEAD~1"'],
    [checkCommand, ["a.json", "--profile", "strictest"], "--profile takes platform or community"],
  ])("%#: refuses what a command does not take", (cmd, argv, message) => {
    expect(() => parseCommandArgs(cmd as typeof buildCommand, argv)).toThrow(UsageError);
    expect(() => parseCommandArgs(cmd as typeof buildCommand, argv)).toThrow(message);
  });

  it("documents every option of a command in its --help", () => {
    expect(parseCommandArgs(checkCommand, ["--help"]).help).toBe(true);
    const text = usage(checkCommand);
    expect(text).toContain(
      "Usage: npm run check -- <dashboard.json | rules.yml | folder>... [options]",
    );
    for (const option of ["--strict", "--format <text|json|sarif|github|junit>", "--help"])
      expect(text).toContain(option);
  });

  it("exits 2 on a usage error and 0 on --help, as a process", () => {
    const dir = copyRepo();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const bad = runCli(dir, "build", ["--check", "no-such-thing"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('build: unexpected argument "no-such-thing"');
    expect(bad.stderr).toContain("Usage: npm run build");
    const help = runCli(dir, "check", ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: npm run check");
  });
});
