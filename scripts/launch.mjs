// Runs a command (`node scripts/launch.mjs build -- ...`, what `npm run build` does) as plain
// node: the command's entry, scripts/<name>.ts, with the engine and this checkout's sources,
// bundled by esbuild into node_modules/.cache/mlmon/ and rebuilt whenever any .ts file of the
// checkout, package-lock.json or the launcher has changed (a digest of their contents,
// launch-inputs.mjs), so a clean checkout and a stale bundle both just work. The bundle is a
// cache, never committed: it holds absolute paths of this machine. When esbuild cannot bundle
// (a syntax error in a source), the command runs through tsx, which reports it as a finding
// like any other run.
// Plain JavaScript: it is what runs before anything is compiled.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inputsDigest } from "./launch-inputs.mjs";

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
const launcher = ["scripts/launch.mjs", "scripts/launch-inputs.mjs"];
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
const bundle = join(cache, key, `${name}.mjs`);

/** The entry esbuild bundles: this checkout's sources registered, then the command. */
function virtualEntry() {
  const sources = files.filter((f) => sourceFolders.some((d) => f.startsWith(`${d}/`)));
  const loaders = sources.map((f) => {
    const abs = JSON.stringify(join(root, f));
    return `  ${abs}: () => import(${abs}),`;
  });
  const register = JSON.stringify(join(root, "scripts/engine/sources/import-source.ts"));
  return [
    `import { registerBundledSources } from ${register};`,
    `registerBundledSources({\n${loaders.join("\n")}\n});`,
    `await import(${JSON.stringify(entry)});`,
  ].join("\n");
}

/** `import.meta.dirname` and `.url` of each module as it is in the checkout, not the bundle's. */
const metaPlugin = {
  name: "import-meta",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)))
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents: text, loader: "ts" };
    });
  },
};

/**
 * A source map naming its sources by absolute URL: esbuild names them relative to the bundle,
 * which node would resolve from the bundle's real path (another checkout's, when node_modules
 * is a link), and the stack traces would name the wrong files.
 */
function absoluteSources(out) {
  const map = JSON.parse(out.text);
  const base = pathToFileURL(out.path).href;
  map.sources = map.sources.map((s) => new URL(s, base).href);
  return JSON.stringify(map);
}

async function bundleIt() {
  const esbuild = await import("esbuild");
  const staging = `${join(cache, key)}.${process.pid}`;
  const result = await esbuild.build({
    stdin: { contents: virtualEntry(), resolveDir: root, sourcefile: "launch-entry.mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // The libraries are bundled too: node then loads a few modules where it would resolve,
    // read and compile every file of node_modules the command uses. The CommonJS among them
    // require node's own modules, which an ES module can do only through a require of its own.
    banner: {
      js: `import { createRequire as bundleRequire } from "node:module"; const require = bundleRequire(import.meta.url);`,
    },
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
    outdir: staging,
    write: false,
    entryNames: name,
    outExtension: { ".js": ".mjs" },
    plugins: [metaPlugin],
    logLevel: "silent",
  });
  if (result.errors.length > 0) throw new Error("esbuild reported errors");
  for (const out of result.outputFiles) {
    mkdirSync(dirname(out.path), { recursive: true });
    writeFileSync(out.path, out.path.endsWith(".map") ? absoluteSources(out) : out.contents);
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
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}
