/**
 * The committed schemas under config/schema/, as ajv validators (precompiled by `npm run
 * schema`, see precompiled.ts): inputs like the catalogue, loaded with the sources into the
 * model, regenerated only by `npm run schema`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { targetSchema, validatorOf } from "./precompiled.ts";
import {
  dashboardSchema,
  panelFieldConfigSchemas,
  panelOptionsSchemas,
  querySchemas,
  type SchemaTarget,
} from "./targets.ts";
import { schemaDir } from "../outputs.ts";

export interface Validators {
  dashboard?: ValidateFunction;
  panelOptions: Map<string, ValidateFunction>;
  panelFieldConfig: Map<string, ValidateFunction>;
  queries: Map<string, ValidateFunction>;
  /** Schema files that could not be read or compiled: reported, never thrown. */
  problems: { file: string; message: string }[];
}

export function loadValidators(root: string): Validators {
  const problems: Validators["problems"] = [];
  const compile = (t: SchemaTarget): ValidateFunction | undefined => {
    const file = `${schemaDir}/${t.file}`;
    try {
      const text = readFileSync(join(root, file), "utf8");
      return validatorOf(root, targetSchema(t.file, text));
    } catch (e) {
      problems.push({ file, message: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
  };
  const compileAll = (targets: Record<string, SchemaTarget>) =>
    new Map(
      Object.entries(targets).flatMap(([key, t]) => {
        const v = compile(t);
        return v ? [[key, v] as const] : [];
      }),
    );
  return {
    dashboard: compile(dashboardSchema),
    panelOptions: compileAll(panelOptionsSchemas),
    panelFieldConfig: compileAll(panelFieldConfigSchemas),
    queries: compileAll(querySchemas),
    problems,
  };
}
