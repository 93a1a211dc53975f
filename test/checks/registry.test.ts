import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelChecks, outputChecks } from "../../scripts/engine/checks/index.ts";
import { repoRoot } from "../helpers/repo.ts";

const checksDir = join(repoRoot, "scripts/engine/checks");
const camel = (id: string) => id.replace(/[/-]([a-z])/g, (_m, c: string) => c.toUpperCase());

/** checks/<group>/<name>.ts files: one check each. */
const checkFiles = readdirSync(checksDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((g) =>
    readdirSync(join(checksDir, g.name))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `${g.name}/${f.replace(/\.ts$/, "")}`),
  )
  .sort();

describe("the check registry", () => {
  const registered = [...modelChecks, ...outputChecks];

  it("lists every check file once, and nothing else", () => {
    expect(registered.map((c) => c.id).sort()).toEqual(checkFiles);
    expect(new Set(registered.map((c) => c.id)).size).toBe(registered.length);
  });

  it.each(checkFiles)("%s exports one check, named after its id", async (id) => {
    const module = (await import(join(checksDir, `${id}.ts`))) as Record<string, unknown>;
    const checks = Object.entries(module).filter(
      ([, v]) => typeof v === "object" && v !== null && "run" in v && "scope" in v,
    );
    expect(checks.map(([name, c]) => [name, (c as { id: string }).id])).toEqual([[camel(id), id]]);
  });
});
