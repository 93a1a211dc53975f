import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelChecks, outputChecks } from "../scripts/engine/checks/index.ts";
import { repoRoot } from "./helpers/repo.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

describe("README", () => {
  it("starts with the two commands: install and build, then test", () => {
    const first = readme.split("\n").slice(0, 6).join("\n");
    expect(first).toContain("npm run setup && npm run build");
    expect(first).toContain("npm test");
  });

  // The checks table says what each check's own description says (prettier pads the cells).
  const rows = new Map(
    readme
      .split("\n")
      .map((line) => /^\| `([^`]+)` +\| (.*?) +\|$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => [m[1]!, m[2]!.replace(/\\\|/g, "|")]),
  );
  it.each([...modelChecks, ...outputChecks].map((c) => [c.id, c.description]))(
    "documents check %s",
    (id, description) => {
      expect(rows.get(id)).toBe(description);
    },
  );

  it("names the scripts it tells people to run", () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: object })
        .scripts,
    );
    for (const [, name] of readme.matchAll(/npm run ([a-z:]+)/g)) expect(scripts).toContain(name);
  });
});
