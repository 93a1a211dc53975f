import type { Builder } from "@grafana/grafana-foundation-sdk/cog";

/**
 * `npm run import`'s escape hatch: what a dashboard exported from Grafana says that neither a
 * panel spec nor an SDK builder can, kept as Grafana wrote it. Every use is listed by the import
 * with where it was; replace it with builder calls when the SDK grows them.
 */
export type Exported<_T> = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** `kept` merged into `into`: objects key by key, anything else replaced. */
function merged(into: unknown, kept: unknown): unknown {
  if (!isObject(into) || !isObject(kept)) return structuredClone(kept);
  const out: Record<string, unknown> = { ...into };
  for (const [k, v] of Object.entries(kept)) out[k] = merged(into[k], v);
  return out;
}

/** The builder's object with what the import kept merged in. */
export function keptAsExported<T>(builder: Builder<T>, kept?: Exported<T>): Builder<T> {
  if (kept === undefined) return builder;
  return { build: () => merged(builder.build(), kept) as T };
}

/** An object no builder makes (a panel type or a query language without one), as exported. */
export function asExported<T>(json: Exported<T>): Builder<T> {
  return { build: () => structuredClone(json) as T };
}
