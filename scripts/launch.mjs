// Runs a command (`node scripts/launch.mjs build -- ...`, what `npm run build` does) as plain
// node: the command's entry, scripts/<name>.ts, with the engine and this checkout's sources,
// bundled by esbuild into node_modules/.cache/mlmon/ and rebuilt whenever any .ts file of the
// checkout, package-lock.json or the launcher has changed (a digest of their contents,
// launch-inputs.mjs), so a clean checkout and a stale bundle both just work. The bundle is one
// CommonJS file, run with a V8 code cache beside it (launch-code-cache.mjs), or ES modules for
// an entry that awaits before its end. It is a cache, never committed: it holds absolute paths
// of this machine. When esbuild cannot bundle (a syntax error in a source), the command runs
// through tsx, which reports it as a finding like any other run. Plain JavaScript: it is what
// runs before anything is compiled.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runCommonJs } from "./launch-code-cache.mjs";
import { inputsDigest } from "./launch-inputs.mjs";
import { sourcesOnly } from "./launch-source-map.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [name, ...args] = process.argv.slice(2);
const entry = join(root, "scripts", `${name}.ts`);
if (!name || !existsSync(entry)) {
  process.stderr.write(`launch: no command "${name ?? ""}" (scripts/<name>.ts)\n`);
  process.exit(2);
}
// The command reads its arguments where it would under tsx.
process.argv = [process.argv[0], entry, ...args];

/** Every .ts file of the checkout's own folders, sorted (what a bundle can depend on). */
function tsFiles(dir) {
  let entries;
  try {
    entries = readdirSync(`${root}/${dir}`, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) return e.name === "node_modules" ? [] : tsFiles(path);
      return e.name.endsWith(".ts") ? [path] : [];
    });
}

const sourceFolders = ["config", "dashboards", "alerts"];
const files = ["scripts", ...sourceFolders].flatMap(tsFiles);
const launcher = [
  "scripts/launch.mjs",
  "scripts/launch-code-cache.mjs",
  "scripts/launch-inputs.mjs",
  "scripts/launch-source-map.mjs",
];
// One folder per checkout (copies of the repository may share node_modules through a link).
const checkout = createHash("sha256").update(root).digest("hex").slice(0, 12);
const cache = join(root, "node_modules", ".cache", "mlmon", checkout);
const inputsRecord = "inputs.json";
const key = inputsDigest(
  root,
  [...files, "package-lock.json", ...launcher],
  join(cache, inputsRecord),
  `${process.version}\n${name}\n`,
).slice(0, 16);
// A CommonJS bundle has no top-level await. An entry whose one await is its last statement
// (every command's `await runCommand(...)`) exports that promise instead and runs as one
// CommonJS file with a code cache (launch-code-cache.mjs); any other (the bench) is bundled as
// ES modules, which node compiles afresh at every run.
const lastAwait = /\nawait ([^;]*);\s*$/;
const commonJs = lastAwait.test(readFileSync(entry, "utf8"));
const bundle = join(cache, key, `${name}.${commonJs ? "cjs" : "mjs"}`);

/**
 * The entry esbuild bundles: this checkout's sources registered, then the command (as one
 * CommonJS file: its promise exported for the launcher to wait on, and the launcher's import()
 * handed to the engine).
 */
function virtualEntry() {
  const sources = files.filter((f) => sourceFolders.some((d) => f.startsWith(`${d}/`)));
  const loaders = sources.map((f) => {
    const abs = JSON.stringify(join(root, f));
    return `  ${abs}: () => import(${abs}),`;
  });
  const register = JSON.stringify(join(root, "scripts/engine/sources/import-source.ts"));
  const importer = JSON.stringify(join(root, "scripts/engine/dynamic-import.ts"));
  const command = JSON.stringify(entry);
  return [
    `import { registerBundledSources } from ${register};`,
    `registerBundledSources({\n${loaders.join("\n")}\n});`,
    ...(commonJs
      ? [
          `import { useLauncherImport } from ${importer};`,
          // launcherImport: a parameter of the module's wrapper (launch-code-cache.mjs).
          `useLauncherImport(launcherImport);`,
          `export const launched = import(${command}).then((m) => m.launched);`,
        ]
      : [`await import(${command});`]),
  ].join("\n");
}

/**
 * Each module as it is in the checkout: `import.meta.dirname` and `.url` its own, not the
 * bundle's. And in a CommonJS bundle the entry's last statement, `await runCommand(...)`,
 * exported instead: the launcher awaits it. Such an entry that awaits elsewhere too fails to
 * bundle, and runs through tsx.
 */
const modulePlugin = {
  name: "checkout-modules",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)))
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      const contents =
        commonJs && args.path === entry
          ? text.replace(lastAwait, "\nexport const launched = $1;\n")
          : text;
      return { contents, loader: "ts" };
    });
  },
};

/**
 * A bundle's source maps, naming their sources by absolute URL (esbuild names them relative to
 * the bundle, which would resolve from the bundle's real path: another checkout's, when
 * node_modules is a link). `<bundle>.map` has every position. Beside a CommonJS bundle,
 * `<bundle>.sources.map` has only those in this checkout's sources, which every build looks up
 * (where each dashboard and rule was defined, scripts/engine/text/bundled.ts): a tenth of the
 * size, the rest marked unmapped so that no lookup lands on a neighbouring source's position.
 * (Split ES modules put each source in a chunk of its own, with a map as small.)
 */
function sourceMaps(out) {
  const map = JSON.parse(out.text);
  const base = pathToFileURL(out.path).href;
  map.sources = map.sources.map((s) => new URL(s, base).href);
  const full = [out.path, JSON.stringify(map)];
  if (!commonJs) return [full];
  const own = sourceFolders.map((d) => `${pathToFileURL(join(root, d)).href}/`);
  const kept = map.sources.map((s) => own.some((d) => s.startsWith(d)));
  const mappings = sourcesOnly(map.mappings, kept);
  return [full, [out.path.replace(/\.map$/, ".sources.map"), JSON.stringify({ ...map, mappings })]];
}

async function bundleIt() {
  const esbuild = await import("esbuild");
  const staging = `${join(cache, key)}.${process.pid}`;
  const esm = {
    format: "esm",
    splitting: true,
    outdir: staging,
    entryNames: name,
    outExtension: { ".js": ".mjs" },
    // The CommonJS libraries require node's own modules, which an ES module can do only
    // through a require of its own.
    banner: {
      js: `import { createRequire as bundleRequire } from "node:module"; const require = bundleRequire(import.meta.url);`,
    },
  };
  const result = await esbuild.build({
    stdin: { contents: virtualEntry(), resolveDir: root, sourcefile: "launch-entry.mjs" },
    // The libraries are bundled too: node then loads one file where it would resolve, read and
    // compile every file of node_modules the command uses.
    bundle: true,
    // One CommonJS file is what V8 compiles with a code cache (launch-code-cache.mjs). The
    // sources stay lazy: each is initialised when first imported, as a chunk would be.
    ...(commonJs ? { format: "cjs", outfile: join(staging, `${name}.cjs`) } : esm),
    platform: "node",
    target: "node20",
    // Left to node: the large ones only some paths load, and those that read files of their own.
    external: [
      "typescript",
      "ts-json-schema-generator",
      "prettier",
      "playwright-core",
      "esbuild",
      "tsx",
    ],
    alias: {
      "@kubernetes-models/validate/runtime/re2": join(
        root,
        "scripts/engine/render/schema-pattern-re2.ts",
      ),
    },
    sourcemap: true,
    // The maps only tell positions back (scripts/engine/text/bundled.ts); nothing reads sources.
    sourcesContent: false,
    write: false,
    plugins: [modulePlugin],
    logLevel: "silent",
  });
  if (result.errors.length > 0) throw new Error("esbuild reported errors");
  mkdirSync(staging, { recursive: true });
  for (const out of result.outputFiles) {
    const written = out.path.endsWith(".map") ? sourceMaps(out) : [[out.path, out.contents]];
    for (const [path, contents] of written) writeFileSync(path, contents);
  }
  try {
    renameSync(staging, join(cache, key));
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run of the same key won
  }
  writeFileSync(join(cache, "checkout.txt"), root);
  // Bundles of earlier states, once no run can still be reading them.
  for (const old of readdirSync(cache)) {
    const path = join(cache, old);
    const kept = [key, "checkout.txt", inputsRecord].includes(old);
    if (!kept && Date.now() - statSync(path).mtimeMs > 600_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  // And those of checkouts that are gone (the tests' throwaway copies of the repository).
  const all = dirname(cache);
  for (const other of readdirSync(all)) {
    const recorded = join(all, other, "checkout.txt");
    if (existsSync(recorded) && !existsSync(readFileSync(recorded, "utf8"))) {
      rmSync(join(all, other), { recursive: true, force: true });
    }
  }
}

// The watch imports changed sources again, sharing the engine's modules with them: it needs
// the engine and the sources as modules of their own files, not as one bundle.
const watching = name === "build" && args.includes("--watch");
let bundled = !watching && existsSync(bundle);
if (!bundled && !watching) {
  try {
    await bundleIt();
    bundled = true;
  } catch {
    bundled = false;
  }
}
if (bundled) {
  // Not process.setSourceMapsEnabled: the engine maps the few positions it needs itself
  // (scripts/engine/text/bundled.ts), where node would read every module's map at start-up.
  if (commonJs) {
    // import() as this ES module has it: the bundle's own fails once compiled from its cache.
    await runCommonJs(bundle, (specifier) => import(specifier)).launched;
  } else await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}
