/**
 * npm run schema: derives the JSON Schemas under config/schema/ from the type declarations of
 * the pinned @grafana/grafana-foundation-sdk (its npm package ships no schema). Run it after
 * changing the SDK version; a test regenerates them in memory and fails when the committed
 * files differ. Not part of `npm run build`: compiling the SDK's declarations takes seconds.
 */
import type { Command } from "../cli/run.ts";
import { canonicalJson } from "../render/json.ts";
import { generateSchemas, type GeneratedSchema } from "../schema/generate.ts";
import { report } from "../cli/report.ts";
import { failing } from "../findings.ts";
import { schemaDir, schemaOutputs } from "../outputs.ts";
import {
  precompiledModule,
  targetSchema,
  validatorsFile,
  type Precompiled,
} from "../schema/precompiled.ts";
import { catalogueSchemas } from "../sources/catalogue.ts";
import { checkConfigPrecompiled } from "../sources/check-config.ts";
import { cloudwatchPrecompiled } from "../checks/deploy/cloud-agents.ts";
import { compareOutputs, isClean, writeOutputs } from "../write/outputs.ts";

/** The engine's own schemas (not files under config/schema/), precompiled with the SDK's. */
export const engineSchemas: readonly Precompiled[] = [
  ...catalogueSchemas,
  cloudwatchPrecompiled,
  checkConfigPrecompiled,
];

/**
 * The files under config/schema/: the schemas as canonical JSON, and the validators of them
 * and of the engine's own schemas, precompiled.
 */
export function schemaFiles(generated: GeneratedSchema[]): Map<string, string> {
  const files = new Map(
    generated.map((g) => [`${schemaDir}/${g.target.file}`, canonicalJson(g.schema)]),
  );
  const precompiled: Precompiled[] = [
    ...generated.map((g) =>
      targetSchema(g.target.file, files.get(`${schemaDir}/${g.target.file}`)!),
    ),
    ...engineSchemas,
  ];
  files.set(validatorsFile, precompiledModule(precompiled));
  return files;
}

/** Compare (`check`) or write the schema files, reporting what differs or what was written. */
export async function updateSchemaFiles(
  root: string,
  files: Map<string, string>,
  opts: { check: boolean },
): Promise<number> {
  if (opts.check) {
    const plan = compareOutputs(root, files, schemaOutputs);
    report(plan.findings, { format: "text", strict: false, command: "schema" });
    if (isClean(plan) && failing(plan.findings, false).length === 0) {
      process.stderr.write(`All ${files.size + 1} schema files are up to date.\n`);
      return 0;
    }
    const stale = [...plan.changed, ...plan.missing, ...plan.stale];
    process.stderr.write(
      `Schema files differ from what the SDK declares:\n${stale.map((p) => `  ${p}`).join("\n")}\nRun \`npm run schema\` and commit the result.\n`,
    );
    return 1;
  }
  const result = await writeOutputs(root, files, schemaOutputs);
  report(result.findings, { format: "text", strict: false, command: "schema" });
  if (!result.written) {
    process.stderr.write("Nothing was written.\n");
    return 1;
  }
  process.stderr.write(
    `Wrote ${result.changed.length + result.missing.length} schema file(s), removed ${result.stale.length}.\n`,
  );
  return 0;
}

const options = {
  check: {
    type: "boolean",
    description: "Write nothing; fail naming every schema file that differs from the SDK's.",
  },
} as const;

export const schemaCommand: Command<typeof options> = {
  name: "schema",
  summary:
    "Derive config/schema/ from the pinned @grafana/grafana-foundation-sdk type declarations.",
  options,
  run: ({ values, cwd }) => updateSchemaFiles(cwd, schemaFiles(generateSchemas(cwd)), values),
};
