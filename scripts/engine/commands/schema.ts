/**
 * npm run schema: derives the JSON Schemas under config/schema/ from the type declarations of
 * the pinned @grafana/grafana-foundation-sdk (its npm package ships no schema). Run it after
 * changing the SDK version; a test regenerates them in memory and fails when the committed
 * files differ. Not part of `npm run build`: compiling the SDK's declarations takes seconds.
 */
import type { Command } from "../cli/run.ts";
import { canonicalJson } from "../render/json.ts";
import { generateSchemas, type GeneratedSchema } from "../schema/generate.ts";
import { schemaDir } from "../outputs.ts";
import { compareOutputs, isClean, writeOutputs } from "../write/outputs.ts";

/** The files under config/schema/, as canonical JSON. */
export const schemaFiles = (generated: GeneratedSchema[]): Map<string, string> =>
  new Map(generated.map((g) => [`${schemaDir}/${g.target.file}`, canonicalJson(g.schema)]));

function generate(root: string, opts: { check: boolean }): number {
  const files = schemaFiles(generateSchemas(root));
  if (opts.check) {
    const drift = compareOutputs(root, files, [schemaDir]);
    if (isClean(drift)) {
      process.stderr.write(`All ${files.size} schema files are up to date.\n`);
      return 0;
    }
    const stale = [...drift.changed, ...drift.missing, ...drift.stale];
    process.stderr.write(
      `Schema files differ from what the SDK declares:\n${stale.map((p) => `  ${p}`).join("\n")}\nRun \`npm run schema\` and commit the result.\n`,
    );
    return 1;
  }
  const drift = writeOutputs(root, files, [schemaDir]);
  process.stderr.write(
    `Wrote ${drift.changed.length + drift.missing.length} schema file(s), removed ${drift.stale.length}.\n`,
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
  run: ({ values, cwd }) => generate(cwd, values),
};
