/**
 * ajv errors as findings people can act on: where (a JSON pointer) and what the schema wanted
 * ("unknown property "foo": allowed are ...", "expected number, got string").
 */
import type { ErrorObject } from "ajv";
import { isObject } from "../model/walk.ts";
import { didYouMean } from "../text/suggest.ts";

export interface SchemaProblem {
  /** JSON pointer into the validated value. */
  pointer: string;
  message: string;
  /** The schema keyword that failed (`additionalProperties`, `required`, `type`, ...). */
  keyword: string;
  /** The value found there (for `type`: what is not of the type). */
  data?: unknown;
  /** For an unknown property: whether a known one is close enough to be what was meant. */
  suggested?: boolean;
}

const escapePointer = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");

const preview = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

const jsonType = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value;

/** A schema in a few words: `string`, `array of string`, `DataSourceRef`. */
function describeSchema(schema: unknown): string {
  if (!isObject(schema)) return "anything";
  if (typeof schema.$ref === "string") return schema.$ref.replace(/^#\/definitions\//, "");
  if (schema.const !== undefined) return preview(schema.const);
  const types = Array.isArray(schema.type) ? schema.type.map(String) : [String(schema.type)];
  return types
    .map((t) => (t === "array" ? `array of ${describeSchema(schema.items)}` : t))
    .join(" or ");
}

function describe(e: ErrorObject): Omit<SchemaProblem, "keyword"> {
  const at = e.instancePath;
  switch (e.keyword) {
    case "additionalProperties": {
      const name = String(e.params.additionalProperty);
      const props = isObject(e.parentSchema) ? e.parentSchema.properties : undefined;
      const allowed = isObject(props) ? Object.keys(props).sort() : [];
      const hint = didYouMean(name, allowed);
      return {
        pointer: `${at}/${escapePointer(name)}`,
        message: `unknown property "${name}": allowed are ${allowed.join(", ") || "none"}.${hint}`,
        suggested: hint !== "",
      };
    }
    case "required": {
      const name = String(e.params.missingProperty);
      return {
        pointer: `${at}/${escapePointer(name)}`,
        message: `required property "${name}" is missing.`,
      };
    }
    case "type":
      return {
        data: e.data,
        pointer: at,
        message: `expected ${describeSchema(e.parentSchema)}, got ${jsonType(e.data)} ${preview(e.data)}.`,
      };
    case "enum": {
      const allowed = (e.params.allowedValues as unknown[]) ?? [];
      const hint = typeof e.data === "string" ? didYouMean(e.data, allowed.map(String)) : "";
      return {
        data: e.data,
        pointer: at,
        message: `${preview(e.data)} is not allowed: expected one of ${allowed.map(preview).join(", ")}.${hint}`,
      };
    }
    case "const":
      return {
        pointer: at,
        message: `expected ${preview(e.params.allowedValue)}, got ${preview(e.data)}.`,
      };
    case "anyOf":
      return {
        data: e.data,
        pointer: at,
        message: `expected ${(Array.isArray(e.schema) ? e.schema : []).map(describeSchema).join(" or ")}, got ${jsonType(e.data)} ${preview(e.data)}.`,
      };
    default:
      return {
        pointer: at,
        message: `${e.message ?? "does not match the schema"}.`,
      };
  }
}

/**
 * Every error once. `if` errors only repeat the errors of the branch taken; the errors of an
 * `anyOf`'s branches are summed up by the `anyOf` error itself ("expected string or array").
 */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  const list = errors ?? [];
  const anyOfPaths = list.filter((e) => e.keyword === "anyOf").map((e) => `${e.schemaPath}/`);
  return list
    .filter((e) => e.keyword !== "if")
    .filter((e) => !anyOfPaths.some((p) => e.schemaPath.startsWith(p)))
    .map((e) => ({ ...describe(e), keyword: e.keyword }));
}

/** What ajv's own message leaves out of a plain schema's error: the property or the values allowed. */
export const paramsInWords = (e: ErrorObject): string =>
  e.keyword === "additionalProperties"
    ? ` "${String(e.params.additionalProperty)}"`
    : e.keyword === "enum"
      ? ` (${(e.params.allowedValues as unknown[]).join(", ")})`
      : "";
