/**
 * npm run bench: the commands' CPU time and peak memory as processes (`npm run build`, `npm run
 * check` on one dashboard and on 1,000 foreign files), side by side with go-jsonnet + grafonnet
 * rendering three comparable dashboards when that anchor is present (GRAFONNET_DIR, default
 * ../shared/bench/grafonnet beside the checkout: see its README); 100 dashboards x 40 panels
 * checked and rendered in process (this one, bundled by the launcher as every command is); then
 * how long each stage of the build takes and how much memory it holds, on the real sources and
 * on a model scaled up N times (many dashboards, as a large platform would have); then `npm run
 * check` on hostile input (huge expressions, a malformed one, dashboards of 20 and 200 MiB with
 * one finding), each in a process of its own for its peak memory. Prints figures; asserts
 * nothing (timings belong here, not in tests). BENCH_HOSTILE=0 skips those.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { rmSync } from "node:fs";
import { symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { stringify } from "yaml";
import { checkPaths } from "./engine/commands/check.ts";
import { repoRoot } from "./engine/repo.ts";
import { modelChecks, outputChecks } from "./engine/checks/index.ts";
import { runChecks } from "./engine/checks/check.ts";
import type { Model } from "./engine/model/index.ts";
import { renderAll } from "./engine/render/index.ts";
import { loadSources } from "./engine/sources/load.ts";
import { startWatch } from "./engine/watch/process.ts";

/** The launcher, which runs this bench bundled as the commands run: the hostile cases start it. */
const launcher = join(repoRoot, "scripts/launch.mjs");

const runs = Number(process.env.BENCH_RUNS ?? 5);
const scale = Number(process.env.BENCH_SCALE ?? 20);

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The same model with every dashboard and rule group copied `n` times under new names. */
function scaled(model: Model, n: number): Model {
  const copies = Array.from({ length: n }, (_, i) => i);
  return {
    ...model,
    dashboards: copies.flatMap((i) =>
      model.dashboards.map((d) => ({
        ...d,
        slug: `${d.slug}-${i}`,
        dashboard: { ...d.dashboard, uid: `${d.slug}-${i}`, title: `${d.dashboard.title} ${i}` },
      })),
    ),
    ruleGroups: copies.flatMap((i) =>
      model.ruleGroups.map((g) => ({ ...g, group: { ...g.group, name: `${g.group.name}-${i}` } })),
    ),
  };
}

function stages(label: string, model: Model) {
  const checks: number[] = [];
  const render: number[] = [];
  for (let i = 0; i < runs; i++) {
    checks.push(time(() => runChecks(modelChecks, model)).ms);
    const r = time(() => renderAll(model));
    render.push(r.ms + time(() => runChecks(outputChecks, model, { files: r.value.files })).ms);
  }
  const panels = model.dashboards.reduce((n, d) => n + (d.dashboard.panels?.length ?? 0), 0);
  const rules = model.ruleGroups.reduce((n, g) => n + g.group.rules.length, 0);
  console.log(
    `${label.padEnd(14)} ${String(model.dashboards.length).padStart(4)} dashboards ${String(panels).padStart(5)} panels ${String(rules).padStart(4)} rules | checks ${median(checks).toFixed(1).padStart(7)} ms | render+output checks ${median(render).toFixed(1).padStart(7)} ms`,
  );
}

/** What every bench dashboard has besides its panels: clean, so its findings are the case's. */
const dashboardOf = (uid: string, panels: unknown[]) =>
  JSON.stringify({
    title: uid,
    uid,
    schemaVersion: 39,
    annotations: { list: [] },
    templating: {
      list: [
        { name: "datasource", type: "datasource", query: "prometheus" },
        { name: "job", type: "custom", query: "api-gateway" },
      ],
    },
    panels,
  });

/** A dashboard of one panel whose query is `expr`. */
const oneQueryDashboard = (expr: string) => dashboardOf("bench", [panel(0, "d", expr)]);

function panel(i: number, description: string, expr: string) {
  const ds = { type: "prometheus", uid: "${datasource}" };
  return {
    id: i + 1,
    type: "timeseries",
    title: `Panel ${i}`,
    description,
    gridPos: { x: 0, y: i * 8, w: 24, h: 8 },
    fieldConfig: { defaults: { unit: "reqps" }, overrides: [] },
    datasource: ds,
    targets: [{ refId: "A", datasource: ds, expr }],
  };
}

const term = 'sum(rate(input_received{job="$job"}[$__rate_interval]))';
const sum = (n: number, t = term) => Array<string>(n).fill(t).join(" + ");

/** A dashboard of about `mib` MiB: panels with long descriptions, one unknown metric. */
function hugeDashboard(mib: number): string {
  const count = Math.round((mib * 2 ** 20) / 10_700);
  const panels = Array.from({ length: count }, (_, i) =>
    panel(
      i,
      "x".repeat(10_000),
      i === 7 ? 'sum(rate(no_such_metric{job="$job"}[$__rate_interval]))' : term,
    ),
  );
  return dashboardOf("huge", panels);
}

const ruleFile = (expr: string) =>
  stringify({ groups: [{ name: "bench", rules: [{ record: "bench:expr", expr }] }] });

/** The hostile cases: a file name and its content. */
const hostile: Record<string, () => [string, string]> = {
  "sum of 1000 terms": () => ["sum-1000.json", oneQueryDashboard(sum(1000))],
  "sum of 2000 terms": () => ["sum-2000.json", oneQueryDashboard(sum(2000))],
  "sum of 4000 terms": () => ["sum-4000.json", oneQueryDashboard(sum(4000))],
  "sum of 8000 terms": () => ["sum-8000.json", oneQueryDashboard(sum(8000))],
  "1 MiB expression": () => [
    "1mib.yml",
    ruleFile(sum(Math.ceil(2 ** 20 / 27), "rate(input_received[5m])")),
  ],
  "malformed, 32k chars": () => ["malformed.yml", ruleFile(") ".repeat(16_000))],
  "20 MiB dashboard": () => ["20mib.json", hugeDashboard(20)],
  "200 MiB dashboard": () => ["200mib.json", hugeDashboard(200)],
};

/** In the child: check one hostile file, print what it took. */
async function runCase(name: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-bench-"));
  try {
    const [file, content] = hostile[name]!();
    writeFileSync(join(dir, file), content);
    const sources = await loadSources(repoRoot);
    const t0 = performance.now();
    const { findings } = await checkPaths(dir, [file], sources);
    const ms = performance.now() - t0;
    const rss = process.resourceUsage().maxRSS / 1024;
    const mib = content.length / 2 ** 20;
    const rules = [...new Set(findings.map((f) => f.rule))].sort().join(", ");
    console.log(JSON.stringify({ ms, rss, findings: findings.length, rules, mib }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function hostileCases(): void {
  console.log(
    "npm run check on hostile input (a process each: time of the check, our sources loaded first; peak RSS of the process):",
  );
  for (const name of Object.keys(hostile)) {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, launcher, "bench", "--case", name],
      {
        encoding: "utf8",
      },
    );
    const line = r.stdout.trim().split("\n").at(-1) ?? "";
    if (r.status !== 0 || !line.startsWith("{")) {
      const why = r.stderr.trim().split("\n").at(-1);
      console.log(`  ${name.padEnd(22)} failed (exit ${r.status ?? r.signal}): ${why}`);
      continue;
    }
    const m = JSON.parse(line) as {
      ms: number;
      rss: number;
      findings: number;
      rules: string;
      mib: number;
    };
    console.log(
      `  ${name.padEnd(22)} ${m.mib.toFixed(1).padStart(6)} MiB | ${(m.ms / 1000).toFixed(2).padStart(6)} s | peak rss ${m.rss.toFixed(0).padStart(5)} MiB | ${m.findings} finding(s) ${m.rules}`,
    );
  }
}

/** CPU seconds (user + system) and peak RSS (MiB) of one run of a command, by /usr/bin/time. */
function measured(cmd: string[], cwd: string): { cpu: number; rss: number; status: number | null } {
  const r = spawnSync("/usr/bin/time", ["-f", "%U %S %M", ...cmd], { cwd, encoding: "utf8" });
  const [user, sys, kib] = (r.stderr.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
  return { cpu: user! + sys!, rss: kib! / 1024, status: r.status };
}

/** 1,000 foreign files: our generated dashboards and rule file, copied under new names. */
function foreignFiles(): string {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-bench-foreign-"));
  const dashboards = join(repoRoot, "config/grafana/dashboards/ml-platform");
  const sources = [
    ...readdirSync(dashboards).map((n) => readFileSync(join(dashboards, n), "utf8")),
    readFileSync(join(repoRoot, "config/prometheus/alerts.yml"), "utf8"),
  ];
  for (let i = 0; i < 1000; i++) {
    const text = sources[i % sources.length]!;
    const json = text.trimStart().startsWith("{");
    // Each a dashboard of its own: its uid and title (top level, two spaces in) made unique.
    const unique = json
      ? text
          .replace(/^ {2}"uid": "([^"]+)"/m, `  "uid": "$1-${i}"`)
          .replace(/^ {2}"title": "([^"]+)"/m, `  "title": "$1 ${i}"`)
      : text;
    writeFileSync(join(dir, `f${i}.${json ? "json" : "yml"}`), unique);
  }
  return dir;
}

/**
 * Each command `runs` times, the commands alternating (the machine is shared: load moves
 * under all of them alike); medians of CPU time and peak RSS, and each one's ratio to the
 * first (go-jsonnet, when present).
 */
function commands(): void {
  if (!existsSync("/usr/bin/time")) {
    console.log("command CPU times: skipped, /usr/bin/time is missing (Debian package time)");
    return;
  }
  const grafonnet = resolve(repoRoot, process.env.GRAFONNET_DIR ?? "../shared/bench/grafonnet");
  const out = mkdtempSync(join(tmpdir(), "mlmon-bench-jsonnet-"));
  const foreign = foreignFiles();
  const dashboard = "config/grafana/dashboards/ml-platform/api-gateway.json";
  // What `npm run build` runs, node flags included, without npm's own process.
  const buildScript = (
    JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
      scripts: { build: string };
    }
  ).scripts.build;
  const cases: [string, string[], string][] = [
    ...(existsSync(join(grafonnet, "bin/jsonnet"))
      ? [
          [
            "go-jsonnet + grafonnet, 3 dashboards, no checks",
            ["bin/jsonnet", "-J", "vendor", "-m", out, "multi.jsonnet"],
            grafonnet,
          ] as [string, string[], string],
        ]
      : []),
    ["npm run build -- --check", ["npm", "run", "--silent", "build", "--", "--check"], repoRoot],
    [`${buildScript} --check`, [...buildScript.split(" "), "--check"], repoRoot],
    ["npm run check, one dashboard", ["node", "scripts/launch.mjs", "check", dashboard], repoRoot],
    [
      "npm run check, 1,000 foreign files",
      ["node", "scripts/launch.mjs", "check", foreign],
      repoRoot,
    ],
  ];
  const cpu = cases.map(() => [] as number[]);
  const rss = cases.map(() => [] as number[]);
  try {
    for (let i = 0; i < runs; i++) {
      cases.forEach(([, cmd, cwd], c) => {
        const m = measured(cmd, cwd);
        cpu[c]!.push(m.cpu);
        rss[c]!.push(m.rss);
      });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(foreign, { recursive: true, force: true });
  }
  if (!existsSync(join(grafonnet, "bin/jsonnet"))) {
    console.log(`go-jsonnet anchor: not found at ${grafonnet} (set GRAFONNET_DIR)`);
  }
  console.log(`commands as processes (median of ${runs} alternating runs, CPU = user + system):`);
  const base = median(cpu[0]!);
  cases.forEach(([name], c) => {
    const ratio = c === 0 ? "" : ` | ${(median(cpu[c]!) / base).toFixed(2)}x the first`;
    console.log(
      `  ${name.padEnd(48)} ${median(cpu[c]!).toFixed(2).padStart(6)} s CPU | peak rss ${median(rss[c]!).toFixed(0).padStart(4)} MiB${ratio}`,
    );
  });
}

/**
 * `n` dashboards of `panels` panels each, checked and rendered: copies of ours, each with its
 * own panels repeated under new titles, so that they are as clean as ours (another dashboard's
 * panels would read variables it does not have, and the figure would be of the findings).
 */
function atScale(model: Model, n: number, panels: number): void {
  const copies = Array.from({ length: n }, (_, i) => {
    const d = model.dashboards[i % model.dashboards.length]!;
    const own = d.dashboard.panels ?? [];
    const ps = Array.from({ length: panels }, (_, j) => {
      const p = own[j % own.length]!;
      const title = j < own.length ? p.title : `${p.title} (${j})`;
      return { ...p, id: j + 1, title, gridPos: { x: 0, y: j * 8, w: 24, h: 8 } };
    });
    return {
      ...d,
      slug: `${d.slug}-${i}`,
      dashboard: { ...d.dashboard, uid: `scale-${i}`, title: `Scale ${i}`, panels: ps },
    };
  });
  const big = { ...model, dashboards: copies };
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    runChecks(modelChecks, big);
    const r = renderAll(big);
    runChecks(outputChecks, big, { files: r.files });
    const used = process.cpuUsage(start);
    cpus.push((used.user + used.system) / 1e6);
  }
  console.log(
    `${n} dashboards x ${panels} panels, checked and rendered in process: ${median(cpus).toFixed(2)} s CPU (median of ${runs})`,
  );
}

/** A throwaway copy of the checkout to watch (node_modules linked): edits must not touch ours. */
function checkoutCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "mlmon-bench-watch-"));
  for (const entry of [
    "package.json",
    "tsconfig.json",
    "scripts",
    "dashboards",
    "alerts",
    "config",
  ]) {
    cpSync(join(repoRoot, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/**
 * `npm run build -- --watch` on a copy of the checkout: `edits` changes to one source file of
 * each kind, each one changing an output; from the file written to the watch's `written` line
 * (median), and what the rebuild itself took and cost the watch process in CPU, by its own
 * count (medians).
 */
async function watchLatency(edits: number): Promise<void> {
  const dir = checkoutCopy();
  const watch = startWatch(dir, ["--format", "json"]);
  const kinds: [string, string, string, string][] = [
    ["one dashboard", "dashboards/api-gateway.ts", 'title: "Overview",', 'title: "Overview (%)",'],
    ["one alert group", "alerts/api-service.ts", "summary: `API ", "summary: `API (%) "],
    [
      "config/platform.ts",
      "config/platform.ts",
      'targetDown: { for: "2m" }',
      'targetDown: { for: "%m" }',
    ],
  ];
  try {
    const first = await watch.next(["written", "failed"]);
    await watch.next(["watching"]);
    console.log(
      `npm run build -- --watch (median of ${edits} edits each; first build ${String(first.data?.ms)} ms, ${String(first.data?.cpuMs)} ms CPU):`,
    );
    for (const [name, file, from, to] of kinds) {
      const original = readFileSync(join(dir, file), "utf8");
      const latency: number[] = [];
      const rebuild: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < edits; i++) {
        const t0 = performance.now();
        // Saved as editors save, renamed over the old file: written in place, the watch may
        // read it truncated, and then rightly fails before the rest of the write arrives.
        writeFileSync(
          join(dir, `${file}.swp`),
          original.replace(from, to.replace("%", String(3 + i))),
        );
        renameSync(join(dir, `${file}.swp`), join(dir, file));
        const e = await watch.next(["written", "failed"]);
        latency.push(performance.now() - t0);
        if (e.event !== "written") throw new Error(`the edit of ${file} failed: ${watch.stderr()}`);
        rebuild.push(Number(e.data?.ms));
        cpu.push(Number(e.data?.cpuMs));
      }
      console.log(
        `  ${name.padEnd(20)} change -> rewritten ${median(latency).toFixed(0).padStart(5)} ms | rebuild ${median(rebuild).toFixed(0).padStart(5)} ms, ${median(cpu).toFixed(0).padStart(5)} ms CPU`,
      );
      writeFileSync(join(dir, file), original);
      await watch.next(["written", "failed"]);
    }
  } finally {
    await watch.stop("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--case") {
  await runCase(process.argv[3]!);
  process.exit(0);
}

const start = performance.now();
const loaded = await loadSources(process.cwd());
const load = { value: loaded, ms: performance.now() - start };
if (!loaded.model) throw new Error("the sources do not load: run npm run build to see why");
const model = loaded.model;
console.log(
  `load sources (catalogue, dashboards, rules): ${load.ms.toFixed(1)} ms (first run, includes module start-up)`,
);
if (process.env.BENCH_COMMANDS !== "0") commands();
atScale(model, 100, 40);
atScale(model, 200, 40);
stages("real sources", model);
stages(`scaled x${scale}`, scaled(model, scale));
const mem = process.memoryUsage();
console.log(
  `memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB (median of ${runs} runs each)`,
);
if (process.env.BENCH_WATCH !== "0")
  await watchLatency(Number(process.env.BENCH_WATCH_EDITS ?? 11));
if (process.env.BENCH_HOSTILE !== "0") hostileCases();
