/**
 * Any Grafana JSON object said in the SDK's builders: the builder class that makes it, one call
 * per field a method sets (literals, enum members, nested builders), and what no method says
 * kept as exported (`keptAsExported`) or, with no builder at all, the whole object (`asExported`).
 * Each result carries its code and the value that code builds, so the caller can compare.
 */
import { isObject, type Json } from "../model/walk.ts";
import type { BuilderClass, Method, Path, Sdk } from "./sdk.ts";
import { residue } from "./residue.ts";

/** TypeScript code and what it evaluates to. */
export interface Code {
  text: string;
  value: unknown;
  /** SDK modules the code names (`timeseries`, `common`). */
  modules: Set<string>;
  /** Pointers (relative to the object) of what was kept as exported, and why. */
  kept: { at: string; why: string }[];
}

export const literal = (v: unknown): string => JSON.stringify(v);

const get = (v: unknown, path: Path): unknown =>
  path.reduce<unknown>((o, k) => (isObject(o) || Array.isArray(o) ? (o as Json)[k] : undefined), v);

const pointerOf = (path: Path) => path.map((k) => `/${k}`).join("");

const modulesIn = (typeText: string) =>
  [...typeText.matchAll(/\b([a-z]\w*)\.[A-Z]/g)].map((m) => m[1]!).filter((m) => m !== "cog");

/** Which builder makes `json` of a declared type: the one whose defaults agree on `type`. */
export function builderFor(
  sdk: Sdk,
  type: string,
  json: Json,
  hint?: string,
): BuilderClass | undefined {
  const all = sdk.buildersOf(type);
  if (type === "dashboard.Panel") {
    return all.find((c) => c.module === json.type && c.name === "PanelBuilder");
  }
  if (type === "cog.Dataquery") {
    return all.find((c) => c.module === hint && c.name === "DataqueryBuilder");
  }
  if (all.length === 1) return all[0];
  return all.find((c) => c.fresh.type !== undefined && c.fresh.type === json.type);
}

/** The methods that say `json`: deepest paths first, one per path, none under a used one. */
function chosen(cls: BuilderClass, json: Json): Method[] {
  const candidates = cls.methods
    .map((m, order) => ({ m, order }))
    .filter(({ m }) => get(json, m.path) !== undefined)
    .sort(
      (a, b) =>
        b.m.path.length - a.m.path.length ||
        Number(b.m.append) - Number(a.m.append) ||
        a.order - b.order,
    );
  const used: string[] = [];
  const picked: { m: Method; order: number }[] = [];
  for (const c of candidates) {
    const p = pointerOf(c.m.path);
    if (used.some((u) => u === p || u.startsWith(`${p}/`) || p.startsWith(`${u}/`))) continue;
    if (c.m.param.kind === "flag" && literal(get(json, c.m.path)) !== literal(c.m.param.value))
      continue;
    if (c.m.path.length === 0) continue;
    used.push(p);
    picked.push(c);
  }
  // Calls in the order the SDK declares them (title before targets, as people write them).
  return picked.sort((a, b) => a.order - b.order).map((c) => c.m);
}

/** How a nested object is built: a builder chosen for it, or kept as exported. */
export type Nested = (type: string, json: Json, at: string) => Code;

interface Arg {
  text: string;
  value: unknown;
  modules: string[];
  kept: Code["kept"];
}

/** One argument of a method call, or undefined when the value does not fit its type. */
function argument(m: Method, v: unknown, at: string, nested: Nested): Arg | undefined {
  const p = m.param;
  switch (p.kind) {
    case "flag":
      return undefined;
    case "scalar":
      if (!p.types.includes(typeof v)) return undefined;
      if (p.literals && !p.literals.includes(v)) return undefined;
      return { text: literal(v), value: v, modules: [], kept: [] };
    case "enum": {
      const member = p.members.find(([, value]) => value === v);
      if (!member) return undefined;
      return {
        text: `${p.module}.${p.name}.${member[0]}`,
        value: v,
        modules: [p.module],
        kept: [],
      };
    }
    case "builder": {
      if (p.many && !m.append) {
        if (!Array.isArray(v) || !v.every(isObject)) return undefined;
        const items = v.map((item, i) => nested(p.target, item, `${at}/${i}`));
        return {
          text: `[${items.map((c) => c.text).join(", ")}]`,
          value: items.map((c) => c.value),
          modules: items.flatMap((c) => [...c.modules]),
          kept: items.flatMap((c) => c.kept),
        };
      }
      if (!isObject(v)) return undefined;
      const c = nested(p.target, v, at);
      return { text: c.text, value: c.value, modules: [...c.modules], kept: c.kept };
    }
    case "plain": {
      if (p.text.endsWith("[]") && !Array.isArray(v)) return undefined;
      if (typeof v === "string" && /\bstring\b/.test(p.text)) {
        return { text: literal(v), value: v, modules: [], kept: [] };
      }
      // A cast: a literal's strings are no enum members to TypeScript.
      return {
        text: `${literal(v)} as ${p.text}`,
        value: v,
        modules: modulesIn(p.text),
        kept: [],
      };
    }
  }
}

/** `json` said with `cls`'s constructor and methods; what they do not say, kept as exported. */
export function viaBuilder(cls: BuilderClass, json: Json, at: string, nested: Nested): Code {
  const modules = new Set([cls.module]);
  const kept: Code["kept"] = [];
  const ctorArg = cls.ctor ? get(json, cls.ctor) : undefined;
  const builder = cls.make(ctorArg);
  let text = `new ${cls.module}.${cls.name}(${cls.ctor ? literal(ctorArg ?? "") : ""})`;
  for (const m of chosen(cls, json)) {
    const v = get(json, m.path);
    const call = builder[m.name] as (...a: unknown[]) => unknown;
    if (m.param.kind === "flag") {
      call.call(builder);
      text += `.${m.name}()`;
      continue;
    }
    const items = m.append && Array.isArray(v) ? v : [v];
    if (m.append && !Array.isArray(v)) continue;
    const args = items.map((item, i) =>
      argument(m, item, `${at}${pointerOf(m.path)}${m.append ? `/${i}` : ""}`, nested),
    );
    if (args.some((a) => a === undefined)) continue;
    try {
      for (const a of args) call.call(builder, a!.value);
    } catch {
      // The builder refuses the value (a width of 0, say): it stays as exported.
      continue;
    }
    for (const a of args) {
      text += `.${m.name}(${a!.text})`;
      a!.modules.forEach((x) => modules.add(x));
      kept.push(...a!.kept);
    }
  }
  const rest = residue(json, builder.build());
  if (rest === undefined) return { text, value: builder, modules, kept };
  const leaves = keptLeaves(rest);
  kept.push(...leaves.map((l) => ({ at: `${at}${l}`, why: "no builder method says it" })));
  return {
    text: `keptAsExported(${text}, ${literal(rest)})`,
    value: { build: () => merge(builder.build(), rest) },
    modules,
    kept,
  };
}

/** The pointers of what an escape hatch holds, down to the first array or scalar. */
export function keptLeaves(v: unknown, at = ""): string[] {
  if (!isObject(v) || Object.keys(v).length === 0) return [at];
  return Object.entries(v).flatMap(([k, x]) => keptLeaves(x, `${at}/${k}`));
}

/** What `keptAsExported` does (dashboards/lib/imported.ts), for the in-process build. */
export function merge(into: unknown, kept: unknown): unknown {
  if (!isObject(into) || !isObject(kept)) return structuredClone(kept);
  const out: Json = { ...into };
  for (const [k, v] of Object.entries(kept)) out[k] = merge(into[k], v);
  return out;
}

/** An object with no builder, kept whole. */
export function asExportedCode(json: Json, at: string, why: string): Code {
  return {
    text: `asExported(${literal(json)})`,
    value: { build: () => structuredClone(json) },
    modules: new Set(),
    kept: [{ at, why }],
  };
}
