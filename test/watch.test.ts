/**
 * `npm run build -- --watch`, as a real process in a copy of the repository: edits applied one
 * after another, each awaited by the watch's own event lines (never by time), and at the end the
 * tree it wrote is exactly what a fresh `npm run build` writes for the same sources.
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startWatch, type WatchProcess } from "../scripts/engine/watch/process.ts";
import { copyRepo, runCli, snapshot } from "./helpers/repo.ts";

const dirs: string[] = [];
const watches: WatchProcess[] = [];
afterAll(async () => {
  for (const w of watches) await w.stop("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const gatewayJson = "config/grafana/dashboards/ml-platform/api-gateway.json";
const gatewayConfigMap = "config/kubernetes/grafana-dashboard-api-gateway.yaml";

describe("npm run build -- --watch", () => {
  it("rebuilds each change incrementally, keeps the last good output, and ends as a fresh build would", async () => {
    const d = copyRepo();
    dirs.push(d);
    // Saved as most editors save: a new file renamed over the old one (a recursive fs.watch
    // loses such a file on Linux); `inPlace` writes into the file itself.
    const edit = (file: string, from: string, to: string, inPlace = false) => {
      const text = readFileSync(join(d, file), "utf8");
      expect(text, `${file} holds ${from}`).toContain(from);
      const target = join(d, file);
      writeFileSync(inPlace ? target : `${target}.swp`, text.replace(from, to));
      if (!inPlace) renameSync(`${target}.swp`, target);
    };
    const watch = startWatch(d);
    watches.push(watch);
    const rebuilt = () => watch.next(["written", "failed"]);

    // The committed tree is up to date: the first build writes nothing.
    expect((await rebuilt()).line).toMatch(/^written: 0 created, 0 updated, 0 removed/);
    await watch.next(["watching"]);

    // A dashboard's row title: its JSON and its ConfigMap, nothing else, rewritten.
    const untouched = statSync(join(d, "config/prometheus/alerts.yml")).mtimeMs;
    edit("dashboards/api-gateway.ts", 'title: "Overview",', 'title: "Traffic overview",');
    let e = await rebuilt();
    expect(e.line).toMatch(/^written: 0 created, 2 updated, 0 removed/);
    expect(e.line).toContain(`: ${gatewayJson}, ${gatewayConfigMap}`);
    expect(readFileSync(join(d, gatewayJson), "utf8")).toContain('"title": "Traffic overview"');
    expect(statSync(join(d, "config/prometheus/alerts.yml")).mtimeMs).toBe(untouched);

    // A comment changes no output: nothing is written.
    edit("dashboards/api-gateway.ts", "export default", "// watched\nexport default", true);
    expect((await rebuilt()).line).toMatch(/^written: 0 created, 0 updated, 0 removed/);
    const good = snapshot(d);

    // A check fails: the finding is printed, nothing is written, the last good output stays.
    edit(
      "dashboards/api-gateway.ts",
      'sumRate("input_received", sel) }',
      'sumRate("input_recieved", sel) }',
    );
    e = await watch.next(["findings"]);
    expect(e.line).toBe("findings: 1 new, 0 gone; now 1 error(s), 0 warning(s)");
    expect((await rebuilt()).line).toMatch(/^failed: nothing written, 1 error\(s\)/);
    expect(watch.stderr()).toContain('Unknown metric "input_recieved"');
    expect(snapshot(d)).toEqual(good);

    // A syntax error: reported at its line, the watch goes on.
    edit("dashboards/api-gateway.ts", 'title: "Traffic overview",', 'title: "Traffic overview" +,');
    await watch.next(["findings"]);
    expect((await rebuilt()).line).toMatch(/^failed: nothing written/);
    expect(watch.stderr()).toMatch(/error source\/import \[line \d+:\d+\]/);
    expect(snapshot(d)).toEqual(good);

    // Both fixed: the findings are gone and the outputs are as they were.
    edit("dashboards/api-gateway.ts", 'title: "Traffic overview" +,', 'title: "Traffic overview",');
    edit(
      "dashboards/api-gateway.ts",
      'sumRate("input_recieved", sel) }',
      'sumRate("input_received", sel) }',
    );
    e = await watch.next(["findings"]);
    expect(e.line).toMatch(/^findings: 0 new, \d+ gone; now 0 error\(s\), 0 warning\(s\)$/);
    expect((await rebuilt()).line).toMatch(/^written: 0 created, 0 updated, 0 removed/);
    expect(watch.stderr()).toMatch(/Gone: dashboards\/api-gateway.ts error promql\/unknown-metric/);

    // A threshold in config/platform.ts: every module that imports it is evaluated again.
    edit(
      "config/platform.ts",
      "quotaExceeded: { perSecond: 0.5,",
      "quotaExceeded: { perSecond: 0.75,",
    );
    e = await rebuilt();
    expect(e.line).toMatch(/^written: /);
    expect(e.line).toContain("config/prometheus/alerts.yml");
    expect(readFileSync(join(d, "config/prometheus/alerts.yml"), "utf8")).toContain("0.75");

    // The catalogue: an exporter's requirement reaches the instrumentation contract.
    edit(
      "config/metrics/api-service.yaml",
      "`should_group_status_codes` left on:",
      "`should_group_status_codes` kept on:",
    );
    e = await rebuilt();
    expect(e.line).toMatch(/^written: .*config\/instrumentation\.md/);

    // A dashboard added to the registry, then removed: its files are created, then removed.
    const copy = readFileSync(join(d, "dashboards/api-service.ts"), "utf8")
      .replace('slug: "api-service"', 'slug: "api-service-copy"')
      .replace('title: "ML platform / API service"', 'title: "ML platform / API service (copy)"');
    writeFileSync(join(d, "dashboards/api-service-copy.ts"), copy);
    edit(
      "dashboards/index.ts",
      'import slos from "./slos.ts";',
      'import slos from "./slos.ts";\nimport copy from "./api-service-copy.ts";',
    );
    edit("dashboards/index.ts", "apiService, slos]", "apiService, slos, copy]");
    e = await rebuilt();
    expect(e.line).toMatch(/^written: 2 created, /);
    expect(e.line).toContain("config/grafana/dashboards/ml-platform/api-service-copy.json");
    edit("dashboards/index.ts", "apiService, slos, copy]", "apiService, slos]");
    edit("dashboards/index.ts", '\nimport copy from "./api-service-copy.ts";', "");
    rmSync(join(d, "dashboards/api-service-copy.ts"));
    e = await rebuilt();
    expect(e.line).toMatch(/^written: 0 created, \d+ updated, 2 removed/);

    // Ctrl-C: it ends at once, with the lock released and no staging folder left.
    expect(await watch.stop("SIGINT")).toEqual({ code: 0, signal: null });
    expect(readdirScratch(d)).toEqual([]);

    // What it wrote is what a fresh build writes for these sources, byte for byte.
    const watched = snapshot(d);
    const check = runCli(d, "build", ["--check"]);
    expect(check.stderr).toContain("up to date");
    expect(check.status).toBe(0);
    expect(runCli(d, "build").status).toBe(0);
    expect(snapshot(d)).toEqual(watched);
  }, 300_000);

  it("ends on SIGTERM with nothing left behind, and refuses --check", async () => {
    const d = copyRepo();
    dirs.push(d);
    const watch = startWatch(d);
    watches.push(watch);
    await watch.next(["watching"]);
    expect(await watch.stop("SIGTERM")).toEqual({ code: 0, signal: null });
    expect(readdirScratch(d)).toEqual([]);
    const r = runCli(d, "build", ["--watch", "--check"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--watch writes; it cannot be combined with --check");
  }, 120_000);
});

/** The writer's lock and staging folders, if any are left in config/. */
const readdirScratch = (d: string) =>
  readdirSync(join(d, "config")).filter((n) => n.startsWith("."));
