/**
 * The foundation SDK's builders as data, so the importer can say any JSON the SDK can build in
 * its builders' calls: each builder class, what its constructor argument sets, and for each of
 * its methods the parameter's type (from the SDK's type declarations, read with the TypeScript
 * compiler API) and the path in the built object it sets (found by calling it once with a marker).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ts from "typescript";
import { dynamicImport } from "../dynamic-import.ts";
import type { Json } from "../model/walk.ts";

export type Path = (string | number)[];

export type ParamType =
  /** A method without a parameter: it sets `path` to `value`. */
  | { kind: "flag"; value: unknown }
  | { kind: "scalar"; types: string[]; literals?: unknown[] }
  | { kind: "enum"; module: string; name: string; members: [string, unknown][] }
  | { kind: "builder"; target: string; many: boolean }
  | { kind: "plain"; text: string };

export interface Method {
  name: string;
  param: ParamType;
  path: Path;
  /** `withX(item)`: appends to the array at `path`. */
  append: boolean;
}

export interface BuilderClass {
  module: string;
  name: string;
  /** What it builds, as written in the declarations (`dashboard.Panel`). */
  builds: string;
  /** Where the constructor's argument goes (`title`, `name`), when it takes one. */
  ctor?: Path;
  methods: Method[];
  /** A fresh builder (with the constructor argument, if any). */
  make(arg?: unknown): { build(): unknown } & Record<string, unknown>;
  /** What a fresh builder builds: the defaults it adds. */
  fresh: Json;
}

export interface Sdk {
  classes: BuilderClass[];
  /** The classes that build a type, by its name as declared (`cog.Dataquery`). */
  buildersOf(type: string): BuilderClass[];
  modules: Record<string, Record<string, unknown>>;
}

const packageName = "@grafana/grafana-foundation-sdk";
const require = createRequire(import.meta.url);
const distDir = dirname(require.resolve(`${packageName}/cog`));
const distRoot = dirname(distDir);

interface Declared {
  name: string;
  builds: string;
  ctorParams: number;
  methods: { name: string; params: string[] }[];
}

/** The builder classes one module declares, with their methods' parameter types as written. */
function declaredBuilders(module: string): Declared[] {
  const dir = join(distRoot, module);
  const out: Declared[] = [];
  for (const file of readdirSync(dir).filter((f) => /Builder\.gen\.d\.ts$/.test(f))) {
    const source = ts.createSourceFile(file, readFileSync(join(dir, file), "utf8"), 99, true);
    for (const stmt of source.statements) {
      if (!ts.isClassDeclaration(stmt) || !stmt.name) continue;
      const builds = stmt.heritageClauses
        ?.flatMap((h) => h.types)
        .map((t) => t.typeArguments?.[0]?.getText(source))
        .find((t) => t !== undefined);
      if (!builds) continue;
      const declared: Declared = { name: stmt.name.text, builds, ctorParams: 0, methods: [] };
      for (const m of stmt.members) {
        if (ts.isConstructorDeclaration(m)) declared.ctorParams = m.parameters.length;
        if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text !== "build") {
          declared.methods.push({
            name: m.name.text,
            params: m.parameters.map((p) => p.type?.getText(source) ?? "unknown"),
          });
        }
      }
      out.push(declared);
    }
  }
  return out;
}

/** The path where `mark` is in `value` (by identity, or equal for numbers). */
function pathOf(value: unknown, mark: unknown, path: Path = []): Path | undefined {
  if (value === mark) return path;
  if (value === null || typeof value !== "object") return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = pathOf(v, mark, [...path, Array.isArray(value) ? Number(k) : k]);
    if (found) return found;
  }
  return undefined;
}

/** The first path where two objects differ, and the value there in `after`. */
function firstChange(
  before: unknown,
  after: unknown,
  path: Path = [],
): [Path, unknown] | undefined {
  if (JSON.stringify(before) === JSON.stringify(after)) return undefined;
  if (
    before === null ||
    after === null ||
    typeof before !== "object" ||
    typeof after !== "object" ||
    Array.isArray(after)
  )
    return [path, after];
  for (const k of Object.keys(after)) {
    const found = firstChange((before as Json)[k], (after as Json)[k], [...path, k]);
    if (found) return found;
  }
  return undefined;
}

function paramType(text: string, modules: Sdk["modules"]): ParamType {
  const builder = /^cog\.Builder<(.+)>(\[\])?$/.exec(text);
  if (builder) return { kind: "builder", target: builder[1]!, many: builder[2] !== undefined };
  const parts = text.split("|").map((p) => p.trim());
  const literals = parts.map((p) => /^"(.*)"$/.exec(p)?.[1]);
  if (literals.every((l) => l !== undefined)) {
    return { kind: "scalar", types: ["string"], literals };
  }
  if (parts.every((p) => ["string", "number", "boolean"].includes(p))) {
    return { kind: "scalar", types: parts };
  }
  const named = /^(\w+)\.(\w+)$/.exec(text);
  const found = named ? modules[named[1]!]?.[named[2]!] : undefined;
  if (named && found !== null && typeof found === "object") {
    // A TypeScript enum: its object maps member names to values (and numbers back to names).
    const members = Object.entries(found).filter(([k]) => !/^\d+$/.test(k));
    return { kind: "enum", module: named[1]!, name: named[2]!, members };
  }
  return { kind: "plain", text };
}

type Instance = { build(): unknown } & Record<string, (...args: unknown[]) => unknown>;

/** Call one method with a marker and see where it lands; undefined when it cannot be told. */
function probe(
  make: () => Instance,
  name: string,
  param: ParamType,
): { path: Path; append: boolean } | undefined {
  const fresh = make();
  const before = JSON.parse(JSON.stringify(fresh.build() ?? null)) as unknown;
  const attempts: unknown[] =
    param.kind === "flag"
      ? [undefined]
      : param.kind === "builder"
        ? [param.many ? [{ build: () => marker }] : { build: () => marker }]
        : [marker, 13.375, "\u0000mark"];
  for (const arg of attempts) {
    const b = make();
    try {
      if (param.kind === "flag") b[name]!();
      else b[name]!(arg);
    } catch {
      continue;
    }
    const built = b.build();
    if (param.kind === "flag") {
      const change = firstChange(before, built);
      return change ? { path: change[0], append: false } : undefined;
    }
    const want = param.kind === "builder" || arg === marker ? marker : arg;
    const path = pathOf(built, want);
    if (!path) continue;
    const last = path[path.length - 1];
    // `withX(item)` and `targets([b])` put the item at index 0 of an array.
    if (typeof last === "number") {
      return { path: path.slice(0, -1), append: !(param.kind === "builder" && param.many) };
    }
    return { path, append: false };
  }
  return undefined;
}

const marker = { marker: true };

let loaded: Sdk | undefined;

/** Every builder of the SDK, read once. */
export async function loadSdk(): Promise<Sdk> {
  if (loaded) return loaded;
  const names = Object.keys(
    (JSON.parse(readFileSync(join(distRoot, "..", "package.json"), "utf8")) as Json)
      .exports as Json,
  )
    .map((k) => k.replace(/^\.\//, ""))
    .filter((k) => /^\w+$/.test(k));
  const modules: Sdk["modules"] = {};
  for (const name of names) {
    modules[name] = await dynamicImport(`${packageName}/${name}`);
  }
  const classes: BuilderClass[] = [];
  for (const module of names) {
    for (const d of declaredBuilders(module)) {
      const Class = modules[module]?.[d.name] as (new (arg?: unknown) => Instance) | undefined;
      if (typeof Class !== "function") continue;
      let ctor: Path | undefined;
      let fresh: Json;
      try {
        if (d.ctorParams > 0) {
          ctor = pathOf(new Class(marker).build(), marker);
          fresh = new Class("").build() as Json;
        } else fresh = new Class().build() as Json;
      } catch {
        continue;
      }
      const make = () => (d.ctorParams > 0 ? new Class("") : new Class());
      const methods: Method[] = [];
      for (const m of d.methods) {
        if (m.params.length > 1) continue;
        const param: ParamType =
          m.params.length === 0
            ? { kind: "flag", value: undefined }
            : paramType(m.params[0]!, modules);
        const where = probe(make, m.name, param);
        if (!where) continue;
        if (param.kind === "flag") {
          const b = make();
          b[m.name]!();
          let v: unknown = b.build();
          for (const k of where.path) v = (v as Json)[k as string];
          methods.push({ name: m.name, param: { kind: "flag", value: v }, ...where });
        } else methods.push({ name: m.name, param, ...where });
      }
      classes.push({
        module,
        name: d.name,
        builds: d.builds,
        ...(ctor ? { ctor } : {}),
        methods,
        make: (arg) =>
          (d.ctorParams > 0 ? new Class(arg ?? "") : new Class()) as ReturnType<
            BuilderClass["make"]
          >,
        fresh: JSON.parse(JSON.stringify(fresh)) as Json,
      });
    }
  }
  loaded = {
    classes,
    modules,
    buildersOf: (type) => classes.filter((c) => c.builds === type),
  };
  return loaded;
}
