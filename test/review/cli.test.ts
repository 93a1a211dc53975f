/**
 * `npm run review` end to end, in a scratch git repository made from a copy of the project: a
 * branch that changes a panel's query, a threshold and an alert gets all three, before and
 * after, and before/after pictures of the one dashboard it changes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBinaries } from "../helpers/binaries.ts";
import { copyRepo, repoRoot, runCli, type CliRun } from "../helpers/repo.ts";

const need = requireBinaries(["prometheus", "promtool", "chromium", "git"]);

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}: update this test`);
  writeFileSync(path, text.replace(from, to));
}

describe.skipIf(need.skip)(need.title("npm run review on a branch"), () => {
  let dir: string;
  let run: CliRun;

  beforeAll(() => {
    dir = copyRepo();
    writeFileSync(join(dir, ".gitignore"), readFileSync(join(repoRoot, ".gitignore")));
    git(dir, "init", "-q", "-b", "main");
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A");
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base");
    git(dir, "checkout", "-qb", "change");
    edit(
      dir,
      "dashboards/api-gateway.ts",
      'queries: [{ expr: sumRate("input_received", sel) }],',
      'queries: [{ expr: sumRate("input_received", `${sel}, code!="429"`) }],',
    );
    edit(
      dir,
      "config/platform.ts",
      "gatewayErrorRatio: {\n    ratio: 0.05,",
      "gatewayErrorRatio: {\n    ratio: 0.1,",
    );
    edit(dir, "alerts/api-gateway.ts", "for: limited.for,", 'for: "15m",');
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "change");
    run = runCli(dir, "review", ["--pictures", "pictures"], { CI: process.env.CI ?? "" });
  }, 300_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("prints the query, the threshold and the alert, each before and after", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const md = run.stdout;
    expect(md.split("\n")[0]).toMatch(
      /^\*\*Review:\*\* 1 dashboard changed, .*alerts? changed, 1 threshold changed/,
    );
    // The panel's query.
    expect(md).toContain("- Panel **Request rate** (stat, id 639724214) changed");
    expect(md).toContain(
      '- sum(rate(input_received{job="$job", instance=~"$instance"}[$__rate_interval]))',
    );
    expect(md).toContain(
      '+ sum(rate(input_received{job="$job", instance=~"$instance", code!="429"}[$__rate_interval]))',
    );
    // The threshold, by its config/platform.ts key, and the alert and panel it moved.
    expect(md).toContain("| `thresholds.gatewayErrorRatio.ratio` | 0.05 | 0.1 |");
    expect(md).toContain(
      "#### Alert `GatewayHighErrorRatio` (group api-gateway, alerts/api-gateway.ts) changed",
    );
    expect(md).toContain("Thresholds: `thresholds.gatewayErrorRatio.ratio` 0.05 → 0.1");
    expect(md).toContain("<del>0.05</del><ins>0.1</ins>");
    // The alert changed by hand.
    expect(md).toContain(
      "#### Alert `GatewayRateLimitSaturated` (group api-gateway, alerts/api-gateway.ts) changed",
    );
    expect(md).toContain("- **for**: `10m` → `15m`");
    expect(md).toContain("- `config/prometheus/alerts.yml`: changed");
    // Nothing about what did not change.
    expect(md).not.toContain("ml-worker");
    expect(md).not.toContain("Catalogue");
  });

  it("writes before/after pictures of the changed dashboard only, and names them", () => {
    const files = readdirSync(join(dir, "pictures")).sort();
    expect(files).toEqual(["api-gateway.after.png", "api-gateway.before.png", "api-gateway.png"]);
    for (const f of files) {
      expect(
        readFileSync(join(dir, "pictures", f))
          .subarray(1, 4)
          .toString(),
      ).toBe("PNG");
    }
    expect(run.stdout).toContain(
      "- `api-gateway`: `pictures/api-gateway.before.png`, `pictures/api-gateway.after.png`, `pictures/api-gateway.png`",
    );
  });

  it("leaves no checkout of the base behind and writes nothing into config/", () => {
    expect(git(dir, "worktree", "list").trim().split("\n")).toHaveLength(1);
    expect(git(dir, "status", "--porcelain", "--", "config")).toBe("");
  });

  it("--format json: the same review as data", () => {
    const r = runCli(dir, "review", ["--format", "json", "--no-pictures", "--base", "main"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as {
      thresholds: { key: string; before: number; after: number }[];
      rules: { name: string; thresholds: string[] }[];
      dashboards: { uid: string; panels: { title: string }[] }[];
      pictures: unknown[];
    };
    expect(json.thresholds).toEqual([
      { key: "thresholds.gatewayErrorRatio.ratio", before: 0.05, after: 0.1 },
    ]);
    expect(json.rules.map((x) => [x.name, x.thresholds])).toEqual([
      ["GatewayHighErrorRatio", ["thresholds.gatewayErrorRatio.ratio"]],
      ["GatewayRateLimitSaturated", []],
    ]);
    expect(json.dashboards.map((d) => d.uid)).toEqual(["api-gateway"]);
    expect(json.pictures).toEqual([]);
  });

  it("usage errors exit 2: a base that is no commit, pictures into config/", () => {
    const bad = runCli(dir, "review", ["--base", "no-such-ref", "--no-pictures"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"no-such-ref" is not a commit of this repository');
    const config = runCli(dir, "review", ["--pictures", "config/pictures"]);
    expect(config.status).toBe(2);
    expect(config.stderr).toContain("inside config/");
    expect(existsSync(join(dir, "config/pictures"))).toBe(false);
  });

  it("sources that do not load: a clear error, exit 1, nothing written", () => {
    const file = join(dir, "dashboards/api-gateway.ts");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, `${text}\nconst broken = ;\n`);
    try {
      const r = runCli(dir, "review", ["--no-pictures"]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("review: the sources of the working tree do not load");
      expect(r.stderr).toContain("dashboards/api-gateway.ts");
      expect(r.stdout).toBe("");
      expect(git(dir, "worktree", "list").trim().split("\n")).toHaveLength(1);
    } finally {
      writeFileSync(file, text);
    }
  });
});
