import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { engineSchemas } from "../../scripts/engine/commands/schema.ts";
import { catalogueSchemas } from "../../scripts/engine/sources/catalogue.ts";
import { schemaDir } from "../../scripts/engine/outputs.ts";
import {
  targetSchema,
  validatorOf,
  validatorsFile,
  type Precompiled,
} from "../../scripts/engine/schema/precompiled.ts";
import { allSchemaTargets } from "../../scripts/engine/schema/targets.ts";
import { repoRoot } from "../helpers/repo.ts";

const committed = createRequire(import.meta.url)(join(repoRoot, validatorsFile)) as {
  validators: Record<string, unknown>;
};

const all: Precompiled[] = [
  ...allSchemaTargets.map((t) =>
    targetSchema(t.file, readFileSync(join(repoRoot, schemaDir, t.file), "utf8")),
  ),
  ...engineSchemas,
];

describe("precompiled validators (config/schema/validators.cjs)", () => {
  it("are the ones every schema of the committed tree uses: nothing is compiled at start-up", () => {
    for (const p of all) {
      expect(validatorOf(repoRoot, p), p.name).toBe(committed.validators[p.name]);
    }
  });

  it("give way to a validator compiled on the spot when the schema changed since", () => {
    const p = catalogueSchemas[0];
    const changed = { ...p, text: JSON.stringify({ type: "string" }) };
    const v = validatorOf(repoRoot, changed);
    expect(v).not.toBe(committed.validators[p.name]);
    expect([v("a"), v({})]).toEqual([true, false]);
  });

  it("are compiled on the spot in a tree without the module, with the same verdicts", () => {
    const empty = mkdtempSync(join(tmpdir(), "precompiled-"));
    try {
      const p = catalogueSchemas[1];
      const fresh = validatorOf(empty, p);
      const ready = validatorOf(repoRoot, p);
      expect(fresh).not.toBe(ready);
      const metric = { name: "x_total", type: "counter", unit: "requests", help: "", extra: 1 };
      expect(fresh(metric)).toBe(false);
      expect(ready(metric)).toBe(false);
      expect(fresh.errors).toEqual(ready.errors);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it("report a schema ajv cannot compile as ajv does", () => {
    const broken = { name: "broken", options: "dashboard" as const, text: '{"type":"nope"}' };
    expect(() => validatorOf(repoRoot, broken)).toThrow(/type/);
  });
});
