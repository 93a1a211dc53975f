import { spawn } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { OutputSet } from "../../scripts/engine/outputs.ts";
import { repoRoot } from "./repo.ts";

/** What the writer owns in the test trees: one folder and a file, like the build's. */
export const testOutputs: OutputSet = {
  command: "npm run build",
  owned: ["config/out", "config/page.md"],
  manifest: "config/generated-files.txt",
};

/** A temporary repository root with these files (and config/). */
export function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "mlmon-write-"));
  mkdirSync(join(root, "config"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Every entry below `root`: files with their content, links with their target, folders. */
export function listing(root: string, dir = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(root, dir)).sort()) {
    const path = dir ? `${dir}/${name}` : name;
    const stat = lstatSync(join(root, path));
    if (stat.isSymbolicLink()) out[path] = `-> ${readlinkSync(join(root, path))}`;
    else if (stat.isDirectory()) Object.assign(out, { [`${path}/`]: "" }, listing(root, path));
    else out[path] = readFileSync(join(root, path), "utf8");
  }
  return out;
}

/**
 * Node with tsx's loader, in one process: signals (kill -9 above all) reach the code under test,
 * not tsx's command-line wrapper, which runs it in a child.
 */
export const tsxNode = [
  process.execPath,
  "--import",
  pathToFileURL(join(repoRoot, "node_modules/tsx/dist/loader.mjs")).href,
];

export interface Child {
  /** Resolves with the first line starting with `prefix`. */
  line(prefix: string): Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
  kill(signal: NodeJS.Signals): void;
}

/** Start test/helpers/writer-child.ts on `root`, writing `files`, stopping before step `step`. */
export function writerChild(root: string, files: Map<string, string>, step: number): Child {
  const json = JSON.stringify(Object.fromEntries(files));
  const child = spawn(
    tsxNode[0]!,
    [...tsxNode.slice(1), join(repoRoot, "test/helpers/writer-child.ts"), root, json, String(step)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let stdout = "";
  const waiting: { prefix: string; resolve: (l: string) => void }[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const w of [...waiting]) {
      const line = stdout.split("\n").find((l) => l.startsWith(w.prefix));
      if (line !== undefined) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>(
    (resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout })),
  );
  return {
    line: (prefix) =>
      new Promise((resolve, reject) => {
        const line = stdout.split("\n").find((l) => l.startsWith(prefix));
        if (line !== undefined) return resolve(line);
        waiting.push({ prefix, resolve });
        void exit.then((e) =>
          reject(
            new Error(`writer exited (${e.code ?? e.signal}) before "${prefix}": ${e.stdout}`),
          ),
        );
      }),
    exit,
    kill: (signal) => child.kill(signal),
  };
}
