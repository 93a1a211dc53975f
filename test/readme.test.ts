import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelChecks, outputChecks } from "../scripts/checks/index.ts";
import { repoRoot } from "./helpers/repo.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

describe("README", () => {
  it("starts with the two commands: install and build, then test", () => {
    const first = readme.split("\n").slice(0, 6).join("\n");
    expect(first).toContain("npm run setup && npm run build");
    expect(first).toContain("npm test");
  });

  it.each([...modelChecks, ...outputChecks].map((c) => c.id))("documents check %s", (id) => {
    // A row of the checks table (prettier pads the cells).
    expect(readme).toMatch(new RegExp(`^\\| \`${id}\` +\\|`, "m"));
  });

  it("names the scripts it tells people to run", () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: object })
        .scripts,
    );
    for (const [, name] of readme.matchAll(/npm run ([a-z:]+)/g)) expect(scripts).toContain(name);
  });
});
