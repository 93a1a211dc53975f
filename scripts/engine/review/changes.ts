/**
 * The review's vocabulary: what changed, as fields with a before and an after, and the
 * config/platform.ts thresholds that explain a changed value.
 */
import type { Scalar } from "./snapshot.ts";
import { changedTokens } from "./words.ts";

export type Status = "added" | "removed" | "changed";

/** How a field reads best: a query (diff block and words), a short value, or prose. */
export type FieldKind = "code" | "value" | "text";

export interface FieldChange {
  field: string;
  kind: FieldKind;
  before?: string;
  after?: string;
  /** Threshold keys (`thresholds.x.y`) whose change this is. */
  thresholds?: string[];
}

export interface ThresholdChange {
  key: string;
  before?: Scalar;
  after?: Scalar;
}

/** A field change, or nothing when both sides read the same. */
export function field(
  name: string,
  kind: FieldKind,
  before: string | undefined,
  after: string | undefined,
): FieldChange[] {
  if (before === after) return [];
  return [
    {
      field: name,
      kind,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
    },
  ];
}

/**
 * Name the thresholds behind each field change: a threshold whose old value is among the
 * field's removed words and whose new value is among its added words.
 */
export function explain(fields: FieldChange[], thresholds: ThresholdChange[]): FieldChange[] {
  const moved = thresholds.filter((t) => t.before != null && t.after != null);
  return fields.map((f) => {
    if (f.before === undefined || f.after === undefined) return f;
    const { removed, added } = changedTokens(f.before, f.after);
    const keys = moved
      .filter((t) => removed.includes(String(t.before)) && added.includes(String(t.after)))
      .map((t) => t.key);
    return keys.length > 0 ? { ...f, thresholds: keys } : f;
  });
}

/** Pair items of two lists by key: [before, after], either side missing when only one has it. */
export function pairs<T>(
  before: readonly T[],
  after: readonly T[],
  key: (t: T) => string,
): [T | undefined, T | undefined][] {
  const b = new Map(before.map((t) => [key(t), t]));
  const a = new Map(after.map((t) => [key(t), t]));
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys.map((k) => [b.get(k), a.get(k)]);
}

/** Code-point order: the same on every machine and locale. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A thing's comparable fields: name -> [value, how it reads]. */
export type Fields = Map<string, [string, FieldKind]>;

/** Every field either side has, changed ones only, in the order the fields were listed. */
export function compareFields(
  before: Fields | undefined,
  after: Fields | undefined,
): FieldChange[] {
  const names = [...new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])])];
  return names.flatMap((n) => {
    const kind = (after?.get(n) ?? before?.get(n))![1];
    return field(n, kind, before?.get(n)?.[0], after?.get(n)?.[0]);
  });
}

/** A matched pair's status, and the side to name it by (the newer one when both exist). */
export function statusOf<T>(
  before: T | undefined,
  after: T | undefined,
): { status: Status; shown: T } {
  return { status: !before ? "added" : !after ? "removed" : "changed", shown: (after ?? before)! };
}
