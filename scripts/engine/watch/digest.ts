/**
 * Keys of model values, to tell whether what a check or a renderer read has changed since it
 * last ran. What the source modules and the input readers made (a dashboard's JSON, a rule
 * group, the catalogue) is immutable once made, and comes back as the very same objects while
 * its module is not evaluated again: `remember` gives each such object, and every object in it,
 * an identity, which then stands for it in any key. Everything else (the per-build wrappers,
 * rendered text) is keyed by its content. A function is its identity too. So a key changes when
 * what it covers was made again, even with equal content: that only errs on "changed".
 */
import { createHash } from "node:crypto";

const identities = new WeakMap<object, number>();
let next = 0;
/** Keys of values keyed by content, computed once (the rendered files of one build). */
const contents = new WeakMap<object, string>();

/**
 * What a value holds besides its content: the source sites (parsed from the .ts files only when
 * a finding needs one, and part of where findings are, which are built afresh each time) and a
 * query's syntax tree (derived from its text).
 */
const derived = (holder: object, key: string): boolean =>
  (key === "sites" && "file" in holder && ("dashboard" in holder || "group" in holder)) ||
  (key === "parsed" && "query" in holder);

function replacer(this: object, key: string, value: unknown): unknown {
  if (key !== "" && derived(this, key)) return undefined;
  if (typeof value === "function") {
    if (!identities.has(value)) identities.set(value, next++);
    return `\u0000#${identities.get(value)}`;
  }
  if (typeof value === "bigint") return `\u0000bigint ${value}`;
  if (typeof value !== "object" || value === null) return value;
  const id = identities.get(value);
  if (id !== undefined) return `\u0000#${id}`;
  const content = contents.get(value);
  if (content !== undefined) return `\u0000=${content}`;
  if (value instanceof Map) return { "\u0000map": [...value] };
  if (value instanceof Set) return { "\u0000set": [...value] };
  if (value instanceof RegExp) return `\u0000regexp ${String(value)}`;
  return value;
}

/** A key of `value`: equal keys, equal values. */
export function keyOf(value: unknown): string {
  const text = JSON.stringify(value, replacer) ?? "\u0000undefined";
  return text.length <= 64 ? text : createHash("sha1").update(text).digest("base64");
}

/**
 * Key `value` by its content once, then reuse that key; it may not change afterwards. Its
 * getters are left out (a rule group's sites, parsed from its .ts file when first read).
 */
export function keyOnce(value: object): string {
  let key = contents.get(value);
  if (key === undefined) contents.set(value, (key = keyOf(dataOf(value))));
  return key;
}

/** `value`'s own enumerable data properties (a Map or an array: itself). */
function dataOf(value: object): object {
  if (value instanceof Map || Array.isArray(value)) return value;
  const data: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if ("value" in d && d.enumerable) data[k] = d.value;
  }
  return data;
}

/** Give `value` and every object in it an identity; none may change afterwards. */
export function remember(value: object): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || identities.has(v)) continue;
    identities.set(v, next++);
    if (v instanceof Map) stack.push(...v.keys(), ...v.values());
    else if (v instanceof Set) stack.push(...v);
    // Data only: a getter computes on first read (a drill's series), never content.
    else if (!(v instanceof RegExp)) stack.push(...Object.values(dataOf(v)));
  }
}
