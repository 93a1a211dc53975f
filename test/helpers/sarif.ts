import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Ajv04 from "ajv-draft-04";
import formats from "ajv-formats";

/**
 * The SARIF 2.1.0 JSON Schema as @microsoft/jest-sarif ships it (a draft-04 schema, so
 * ajv-draft-04 compiles it), for tests: nothing third-party is committed here.
 */
const schemaPath = join(
  dirname(createRequire(import.meta.url).resolve("@microsoft/jest-sarif/package.json")),
  "lib/schemas/sarif-2.1.0-rtm.5.json",
);
// The schema's language pattern is not a valid unicode-mode regex: compiled without the u flag.
const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
formats.default(ajv);
export const validateSarif = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
