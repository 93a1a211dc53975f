import { spawn } from "node:child_process";
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyRepo, repoRoot, runCli, snapshot } from "./helpers/repo.ts";

const dirs: string[] = [];
const manifest = "config/generated-files.txt";

/** The writer's lock and staging folders, if any are left in config/. */
const scratch = (d: string) => readdirSync(join(d, "config")).filter((n) => n.startsWith("."));

/** `npm run build` in `d`, as its one node process (a kill reaches the build itself). */
function buildProcess(d: string) {
  const child = spawn(process.execPath, ["scripts/launch.mjs", "build"], { cwd: d });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  child.stdout.resume();
  return {
    kill: (signal: NodeJS.Signals) => child.kill(signal),
    exit: new Promise<{ code: number | null; stderr: string }>((resolve) =>
      child.on("exit", (code) => resolve({ code, stderr })),
    ),
  };
}
const fresh = () => {
  const d = copyRepo();
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
let shared: string | undefined;
/**
 * The copy for tests that change only config/, which each gets as committed: the command's
 * bundle is built once for it (each copy costs launch.mjs a bundle of its own, ~1.5 s CPU).
 */
const committed = () => {
  shared ??= fresh();
  rmSync(join(shared, "config"), { recursive: true, force: true });
  cpSync(join(repoRoot, "config"), join(shared, "config"), { recursive: true });
  return shared;
};

describe("npm run build", () => {
  it("is deterministic: same bytes twice, whatever the timezone and locale", () => {
    const a = fresh();
    const b = committed();
    rmSync(join(a, "config/grafana"), { recursive: true });
    rmSync(join(b, "config/prometheus"), { recursive: true });
    expect(
      runCli(a, "build", [], {
        TZ: "Pacific/Kiritimati",
        LANG: "tr_TR.UTF-8",
        LC_ALL: "tr_TR.UTF-8",
      }).status,
    ).toBe(0);
    expect(
      runCli(b, "build", [], { TZ: "America/St_Johns", LANG: "de_DE.UTF-8", LC_ALL: "C" }).status,
    ).toBe(0);
    const first = snapshot(a);
    expect(runCli(a, "build").status).toBe(0);
    expect(snapshot(a)).toEqual(first);
    expect(snapshot(b)).toEqual(first);
  });

  it("--check passes on the committed output and writes nothing", () => {
    const d = committed();
    const before = snapshot(d);
    const r = runCli(d, "build", ["--check"]);
    expect(r.stderr).toContain("up to date");
    expect(r.status).toBe(0);
    expect(snapshot(d)).toEqual(before);
  });

  /** A dashboard an earlier build wrote, whose source is gone: listed in the manifest. */
  const addStale = (d: string) => {
    writeFileSync(join(d, "config/grafana/dashboards/ml-platform/old.json"), "{}\n");
    appendFileSync(join(d, manifest), "config/grafana/dashboards/ml-platform/old.json\n");
  };

  it("--check fails on a hand-edited, a missing and a stale file, naming each, and warns of a foreign one", () => {
    const d = committed();
    appendFileSync(join(d, "config/prometheus/alerts.yml"), "# tweak\n");
    rmSync(join(d, "config/grafana/dashboards/ml-platform/ml-worker.json"));
    addStale(d);
    writeFileSync(join(d, "config/grafana/dashboards/ml-platform/colleague.json"), "{}\n");
    const before = snapshot(d);
    const r = runCli(d, "build", ["--check"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("changed: config/prometheus/alerts.yml");
    // A short diff of the changed file: on disk against what the sources produce.
    expect(r.stderr).toContain("--- config/prometheus/alerts.yml (on disk)");
    expect(r.stderr).toContain("+++ config/prometheus/alerts.yml (from the sources)");
    expect(r.stderr).toMatch(/^ {4}-# tweak$/m);
    expect(r.stderr).toContain("missing: config/grafana/dashboards/ml-platform/ml-worker.json");
    expect(r.stderr).toContain(`changed: ${manifest}`);
    expect(r.stderr).toContain(
      "stale (no source produces it): config/grafana/dashboards/ml-platform/old.json",
    );
    expect(r.stderr).toMatch(
      /config\/grafana\/dashboards\/ml-platform\/colleague.json\n {2}warning write\/foreign/,
    );
    expect(snapshot(d)).toEqual(before);
  });

  it("build repairs drift: rewrites edited files, removes stale generated ones, keeps foreign ones", () => {
    const d = committed();
    const clean = snapshot(d);
    appendFileSync(join(d, "config/prometheus/alerts.yml"), "# tweak\n");
    addStale(d);
    writeFileSync(join(d, "config/kubernetes/my-secret.yaml"), "kind: Secret\n");
    const r = runCli(d, "build");
    expect(r.stderr).toContain("warning write/foreign");
    expect(r.status).toBe(0);
    expect(snapshot(d)).toEqual(
      new Map([...clean, ["config/kubernetes/my-secret.yaml", "kind: Secret\n"]]),
    );
    // It names what it wrote and removed.
    expect(r.stderr).toContain("Wrote 2 file(s), removed 1;");
    expect(r.stderr).toContain("  updated: config/prometheus/alerts.yml\n");
    expect(r.stderr).toContain(`  updated: ${manifest}\n`);
    expect(r.stderr).toContain("  removed: config/grafana/dashboards/ml-platform/old.json\n");
  });

  it("two builds at once: both succeed, one after the other, and leave exactly one build's output", async () => {
    // A fresh copy: the two launchers bundle the command at once too, as after a checkout.
    const d = fresh();
    const clean = snapshot(d);
    rmSync(join(d, "config/grafana"), { recursive: true });
    appendFileSync(join(d, "config/prometheus/alerts.yml"), "# tweak\n");
    const runs = await Promise.all([buildProcess(d).exit, buildProcess(d).exit]);
    expect(runs.map((r) => [r.code, r.stderr.match(/Wrote .*|Build failed.*/)?.[0]])).toEqual([
      [0, expect.stringMatching(/^Wrote/)],
      [0, expect.stringMatching(/^Wrote/)],
    ]);
    expect(snapshot(d)).toEqual(clean);
    expect(scratch(d)).toEqual([]);
  });

  it("kill -9 at moments through a build: the next build repairs everything and leaves no temp files", async () => {
    const d = committed();
    const clean = snapshot(d);
    const temp = () => readdirSync(tmpdir()).filter((n) => n.startsWith("mlmon-rules-"));
    const tempBefore = temp();
    // Anywhere in a build's second or so: before, during or after the write; at the same
    // moments each run, so that a run fails or passes as the one before it did.
    for (const ms of [150, 700, 1400]) {
      rmSync(join(d, "config/grafana/dashboards"), { recursive: true });
      appendFileSync(join(d, "config/runbook.md"), "edited\n");
      const run = buildProcess(d);
      await new Promise((resolve) => setTimeout(resolve, ms));
      run.kill("SIGKILL");
      await run.exit;
      const again = await buildProcess(d).exit;
      expect(again.code, again.stderr).toBe(0);
      expect(snapshot(d)).toEqual(clean);
      expect(scratch(d)).toEqual([]);
    }
    expect(temp()).toEqual(tempBefore);
  });

  it("a failing check writes nothing: existing files stay byte-identical", () => {
    const d = committed();
    writeFileSync(join(d, "config/metrics/broken.yaml"), "component: x\nmetrics: [\n");
    appendFileSync(join(d, "config/prometheus/alerts.yml"), "# stale but must stay\n");
    const before = snapshot(d);
    const r = runCli(d, "build");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("config/metrics/broken.yaml");
    expect(r.stderr).toContain("nothing was written");
    expect(snapshot(d)).toEqual(before);
  });

  it("prints warnings without failing, unless --strict; --format json is machine-readable", () => {
    const d = fresh();
    const source = join(d, "dashboards/api-gateway.ts");
    // A regex matcher without a regex: a promql/regexp warning.
    writeFileSync(
      source,
      readFileSync(source, "utf8").replace(
        "sum(up{${sel}})",
        'sum(up{${sel}, job=~"api-gateway"})',
      ),
    );
    const lenient = runCli(d, "build", ["--check"]);
    expect(lenient.stderr).toContain("warning promql/regexp");
    expect(lenient.stderr).toContain(
      "changed: config/grafana/dashboards/ml-platform/api-gateway.json",
    );
    const before = snapshot(d);
    const strict = runCli(d, "build", ["--strict", "--format", "json"]);
    expect(strict.status).toBe(1);
    const findings = JSON.parse(strict.stdout) as {
      rule: string;
      severity: string;
      where: { dashboard: string };
    }[];
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "promql/regexp",
        severity: "warning",
        where: expect.objectContaining({ dashboard: "api-gateway" }),
      }),
    ]);
    expect(snapshot(d)).toEqual(before);
  });

  it("stops a rule the grammar accepts but the platform's Prometheus rejects, before writing", () => {
    const d = fresh();
    const source = join(d, "alerts/targets.ts");
    // limitk() parses with the (Prometheus 3) grammar; the installed Prometheus does not know it.
    writeFileSync(
      source,
      readFileSync(source, "utf8").replace("(up{job=~${jobs}})", "(limitk(1, up{job=~${jobs}}))"),
    );
    expect(readFileSync(source, "utf8")).toContain("limitk(1, up");
    const before = snapshot(d);
    const r = runCli(d, "build");
    expect(r.status).toBe(1);
    // promql/prometheus-version knows limitk came with 2.54: the build stops before promtool.
    expect(r.stderr).toMatch(
      /error promql\/prometheus-version .*JobDown[\s\S]*The limitk aggregation came with Prometheus 2\.54, but the files run on 2\.42/,
    );
    expect(snapshot(d)).toEqual(before);
  });
});
