/**
 * npm run build -- --watch: build, then build again on every change to what the build reads,
 * in one process. The libraries load once; a change re-imports only the changed modules and
 * their importers (watch/modules.ts), re-runs only the checks and renderers whose inputs
 * changed (watch/reuse.ts), runs promtool and amtool only on a rule file or Alertmanager
 * configuration that changed, and writes through the writer as `npm run build` does (lock,
 * journal, rollback; nothing written when a check fails; unchanged files left alone). Each
 * rebuild prints the findings that are new and those that are gone, and one line on stdout
 * that ends it: `written: ...` or `failed: ...` (`--format json`: one JSON object per line).
 */
import { watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { describeWhere, foldCascades, formatList, type Finding } from "../findings.ts";
import type { Files } from "../model/index.ts";
import { buildOutputs, alertmanagerConfigPath } from "../outputs.ts";
import { verifyAlertmanagerConfig } from "../promtool/check-alertmanager.ts";
import {
  promtoolFindings,
  type PromtoolInput,
  type PromtoolResult,
} from "../promtool/check-rules.ts";
import { loadCatalogue, readModelInputs, type ModelInputs } from "../sources/model-of.ts";
import { loadValidators } from "../schema/load.ts";
import { changedInputs, inputKind, inputScanner, moduleFolders } from "../watch/inputs.ts";
import { versionedSources } from "../watch/modules.ts";
import { RebuildMemo } from "../watch/reuse.ts";
import { writeOutputs } from "../write/outputs.ts";
import { checkedBuild } from "./build-pipeline.ts";

export interface WatchOptions {
  strict: boolean;
  format: "text" | "json";
}

/** The last result of `run`, kept for as long as its argument stays the same. */
function lastOf<A, R>(run: (arg: A) => R): (arg: A) => R {
  let last: { arg: A; result: R } | undefined;
  return (arg) => {
    if (!last || last.arg !== arg) last = { arg, result: run(arg) };
    return last.result;
  };
}

/**
 * promtool on each rule file, run again only on one whose text changed (an alert's edit leaves
 * monitoring.yml alone): what it says of a file is of its text alone. The inputs are a file
 * name and a text (promtool/verify-rules.ts), so their JSON is their key; those of the last
 * rebuild are kept.
 */
function promtoolPerFile(): (inputs: PromtoolInput[]) => PromtoolResult {
  let kept = new Map<string, PromtoolResult>();
  return (inputs) => {
    const now = new Map<string, PromtoolResult>();
    const findings: Finding[] = [];
    for (const input of inputs) {
      const key = JSON.stringify(input);
      const result = now.get(key) ?? kept.get(key) ?? promtoolFindings(".", [input]);
      now.set(key, result);
      if (!result.ran) return result;
      findings.push(...result.findings);
    }
    kept = now;
    return { ran: true, findings };
  };
}

const findingKey = (f: Finding) =>
  JSON.stringify([f.where.file, f.rule, f.severity, f.where, f.message]);

/** How long a burst of file events (an editor's save) is let settle before the rebuild. */
const settleMs = 10;

export function watchBuild(root: string, opts: WatchOptions): Promise<number> {
  const emit = (event: string, text: string, data: Record<string, unknown>) =>
    process.stdout.write(
      opts.format === "json" ? `${JSON.stringify({ event, ...data })}\n` : `${event}: ${text}\n`,
    );
  const modules = versionedSources(root, moduleFolders);
  const memo = new RebuildMemo();
  const scanInputs = inputScanner(root);
  // The rule files' texts say everything promtool is told.
  const promtool = promtoolPerFile();
  const amtoolOn = lastOf((config: string | undefined) =>
    verifyAlertmanagerConfig(
      new Map(config === undefined ? [] : [[alertmanagerConfigPath, config]]),
    ),
  );
  const amtool = (files: Files) => amtoolOn(files.get(alertmanagerConfigPath));
  let inputs = new Map<string, string>();
  let modelInputs: ModelInputs | undefined;
  let shown = new Map<string, Finding>();

  async function rebuild(): Promise<void> {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const scanned = scanInputs();
    watchFolders(scanned.folders);
    const first = modelInputs === undefined;
    const changed = changedInputs(inputs, scanned.files);
    inputs = scanned.files;
    if (!first && changed.length === 0) return;
    const of = (kind: string) => changed.filter((p) => inputKind(p) === kind);
    if (!first && of("module").length > 0) await modules.invalidate(of("module"));
    modelInputs = first
      ? readModelInputs(root)
      : {
          catalogue: of("catalogue").length > 0 ? loadCatalogue(root) : modelInputs!.catalogue,
          validators: of("schema").length > 0 ? loadValidators(root) : modelInputs!.validators,
        };
    const built = await checkedBuild(root, opts.strict, {
      inputs: modelInputs,
      checks: memo,
      render: memo,
      promtool,
      amtool,
    });
    const written = built.files
      ? await writeOutputs(root, built.files, buildOutputs, { strict: opts.strict })
      : undefined;
    memo.sweep();
    const now = new Map(
      foldCascades([...built.findings, ...(written?.findings ?? [])]).map((f) => [
        findingKey(f),
        f,
      ]),
    );
    const added = [...now].filter(([k]) => !shown.has(k)).map(([, f]) => f);
    const gone = [...shown].filter(([k]) => !now.has(k)).map(([, f]) => f);
    shown = now;
    const because = first ? "first build" : `${changed.join(", ")} changed`;
    const took = {
      ms: Math.round(performance.now() - started),
      cpuMs: Math.round((process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000),
    };
    const timing = `${because}; ${took.ms} ms, ${took.cpuMs} ms CPU`;
    if (added.length + gone.length > 0) {
      if (opts.format === "text") {
        if (added.length > 0) process.stderr.write(`New findings:\n${formatList(added)}`);
        for (const f of gone) {
          const where = describeWhere(f.where);
          const line = f.message.split("\n")[0];
          process.stderr.write(
            `Gone: ${f.where.file} ${f.severity} ${f.rule}${where ? ` [${where}]` : ""}: ${line}\n`,
          );
        }
      }
      const count = (s: string) => [...now.values()].filter((f) => f.severity === s).length;
      emit(
        "findings",
        `${added.length} new, ${gone.length} gone; now ${count("error") + count("fatal")} error(s), ${count("warning")} warning(s)`,
        { new: added, gone },
      );
    }
    if (!written?.written) {
      const errors = [...now.values()].filter(
        (f) => f.severity === "error" || f.severity === "fatal",
      );
      emit("failed", `nothing written, ${errors.length} error(s) (${timing})`, {
        changed,
        ...took,
      });
      return;
    }
    const files = {
      created: written.missing,
      updated: written.changed,
      removed: written.stale,
    };
    const unchanged = built.files!.size + 1 - written.missing.length - written.changed.length;
    const names = [...files.created, ...files.updated, ...files.removed];
    emit(
      "written",
      `${files.created.length} created, ${files.updated.length} updated, ${files.removed.length} removed, ${unchanged} unchanged (${timing})${names.length > 0 ? `: ${names.join(", ")}` : ""}`,
      { changed, ...files, unchanged, ...took },
    );
  }

  // One rebuild at a time; events during one make one more after it.
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = rebuild().catch((e: unknown) => {
      // A bug of ours: say so, keep watching (the next change may well build).
      const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
      process.stderr.write(`build --watch: internal error, please report it:\n${detail}\n`);
      emit("failed", "internal error", {});
    });
    await running;
    running = undefined;
    if (again) {
      again = false;
      await run();
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), settleMs);
  };

  /** A watch on each folder of the inputs, as they are now. */
  const watchers = new Map<string, FSWatcher>();
  function watchFolders(folders: readonly string[]): void {
    for (const [dir, w] of watchers) {
      if (!folders.includes(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of folders) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(join(root, dir), schedule);
        w.on("error", schedule); // the folder went away: the next scan sees what is left
        watchers.set(dir, w);
      } catch {
        schedule(); // gone since the scan
      }
    }
  }

  return new Promise((resolve) => {
    watchFolders(scanInputs().folders);
    // Between two tasks nothing is half done: the swap of a write is one synchronous step, the
    // lock is taken and released around it, and promtool's scratch file has no name.
    const stop = () => {
      for (const w of watchers.values()) w.close();
      if (timer) clearTimeout(timer);
      modules.close();
      emit("stopped", "watch ended", {});
      resolve(0);
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    void run().then(() =>
      emit(
        "watching",
        `${watchers.size} folders of dashboards/, alerts/ and config/ (Ctrl-C stops)`,
        {},
      ),
    );
  });
}
