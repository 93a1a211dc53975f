/**
 * Corrections to what ts-json-schema-generator makes of the SDK's declarations. Each one is
 * deliberate and small, and says in the schema itself why it is there.
 */
import { asArray, isObject, str, type Json } from "../model/walk.ts";

const refName = (ref: unknown): string | undefined =>
  str(ref)?.match(/^#\/definitions\/(.+)$/)?.[1];

/**
 * Open marker-only interfaces. The SDK declares `cog.Dataquery` (a panel's or annotation's
 * target) as an interface whose only member is the method `_implementsDataqueryVariant()`:
 * functions are hidden, which leaves an object that allows no property at all, and every
 * target would fail. Such a definition becomes "any object"; the schema/dashboard check
 * validates each target against the query schema of its datasource instead.
 */
export function openMarkerInterfaces(definitions: Json): string[] {
  const opened: string[] = [];
  for (const [name, def] of Object.entries(definitions)) {
    if (!isObject(def) || def.type !== "object" || def.additionalProperties !== false) continue;
    if (def.properties !== undefined) continue;
    definitions[name] = {
      type: "object",
      description:
        "Any object: the SDK declares only a marker method here. Panel targets are checked against the query schema of their datasource (config/schema/queries/).",
    };
    opened.push(name);
  }
  return opened;
}

/** The value a branch requires for `tag` (`const`), or undefined when any string is allowed. */
function tagOf(def: Json, tag: string): unknown {
  const prop = isObject(def.properties) ? def.properties[tag] : undefined;
  return isObject(prop) ? prop.const : undefined;
}

/** The property every branch of a union requires: the tag that tells the branches apart. */
function commonTag(branches: Json[]): string | undefined {
  const [first, ...rest] = branches.map((b) => asArray(b.required).map(String));
  return first?.find(
    (name) =>
      rest.every((r) => r.includes(name)) &&
      branches.filter((b) => tagOf(b, name) === undefined).length <= 1,
  );
}

/**
 * Turn tagged unions into if/then/else on the tag. The generator writes `Panel | RowPanel` and
 * `ValueMapping` as `anyOf`: a panel with one wrong property then fails both branches and the
 * error names neither. Dispatching on the tag (`type`) reports the errors of the one branch
 * Grafana would use. It accepts what the union accepts, except that an object tagged for one
 * branch (`"type": "row"`) must match that branch, as it must for Grafana.
 */
export function discriminateUnions(node: unknown, definitions: Json): string[] {
  const rewritten: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}/${i}`));
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) visit(child, `${path}/${key}`);
    const refs = asArray(value.anyOf).map((b) => (isObject(b) ? refName(b.$ref) : undefined));
    if (refs.length < 2 || refs.some((r) => r === undefined)) return;
    const branches = refs.map((r) => definitions[r!]);
    if (!branches.every(isObject)) return;
    const tag = commonTag(branches as Json[]);
    if (tag === undefined) return;
    const tagged = refs.flatMap((r, i) => {
      const value = tagOf(branches[i] as Json, tag);
      return value === undefined ? [] : [{ ref: r!, value }];
    });
    const fallback = refs.find((_r, i) => tagOf(branches[i] as Json, tag) === undefined);
    let chain: Json = fallback
      ? { $ref: `#/definitions/${fallback}` }
      : {
          type: "object",
          properties: { [tag]: { enum: tagged.map((t) => t.value) } },
          required: [tag],
        };
    for (const t of [...tagged].reverse()) {
      chain = {
        if: { type: "object", properties: { [tag]: { const: t.value } }, required: [tag] },
        then: { $ref: `#/definitions/${t.ref}` },
        else: chain,
      };
    }
    delete value.anyOf;
    Object.assign(value, chain);
    rewritten.push(path);
  };
  visit(node, "");
  return rewritten;
}
