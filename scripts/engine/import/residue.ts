/**
 * What of `wanted` a built object does not already hold: objects compared key by key, arrays
 * and scalars whole (item by item with `items`, for comparing). Keys only the built object has are defaults the builders add, not a
 * difference (see the README's normalisation). Undefined when nothing is missing.
 */
import { isObject } from "../model/walk.ts";

/** JSON with every object's keys sorted: equal values, equal text, whatever the key order. */
export const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    isObject(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );

export const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

export function residue(wanted: unknown, built: unknown, items = false): unknown {
  // An empty list is no list: Grafana writes `links: []` where a builder writes nothing.
  if (Array.isArray(wanted) && wanted.length === 0 && built === undefined) return undefined;
  if (items && Array.isArray(wanted) && Array.isArray(built) && wanted.length === built.length) {
    const out: Record<string, unknown> = {};
    wanted.forEach((v, i) => {
      const r = residue(v, built[i], items);
      if (r !== undefined) out[i] = r;
    });
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (isObject(wanted) && isObject(built)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(wanted)) {
      if (v === undefined) continue;
      const r = residue(v, built[k], items);
      if (r !== undefined) out[k] = r;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return same(wanted, built) ? undefined : wanted;
}
