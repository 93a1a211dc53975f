/** npm run import end to end in a repository copy: write, refuse to clobber, --force, checks. */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepo, repoRoot, runCli } from "../helpers/repo.ts";

let root: string;
beforeAll(() => {
  root = copyRepo();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fixture = join(repoRoot, "test/fixtures/import/modern-api.json");
const hidden = () => readdirSync(join(root, "dashboards")).filter((f) => f.startsWith("."));

describe("npm run import", () => {
  it("writes the source, registers it and runs the build's checks on it", () => {
    const r = runCli(root, "import", [fixture]);
    expect(r.stderr).toContain("Wrote dashboards/api-latency.ts and registered it");
    expect(r.stderr).toContain('hard-coded prometheus datasource uid "P1809F7CD0C75ACF3"');
    // The text panel has no description: the checks say so at once, and the exit code too.
    expect(r.stderr).toMatch(/error panel\/description .*Notes/);
    expect(r.status).toBe(1);
    expect(readFileSync(join(root, "dashboards/index.ts"), "utf8")).toMatch(
      /import apiLatency from "\.\/api-latency\.ts";[\s\S]*apiLatency,?\s*\]/,
    );
    expect(hidden()).toEqual([]);
  });

  it("shows what a newer export changes and writes nothing without --force", () => {
    const newer = JSON.parse(readFileSync(fixture, "utf8")) as {
      dashboard: { panels: { title: string }[] };
    };
    newer.dashboard.panels[0]!.title = "Requests per second";
    const file = join(root, "newer.json");
    writeFileSync(file, JSON.stringify(newer));
    const before = readFileSync(join(root, "dashboards/api-latency.ts"), "utf8");
    const r = runCli(root, "import", [file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("dashboards/api-latency.ts exists; the import changes it");
    expect(r.stderr).toContain("Requests per second");
    expect(r.stderr).toContain("re-run with --force");
    expect(readFileSync(join(root, "dashboards/api-latency.ts"), "utf8")).toBe(before);
    expect(hidden()).toEqual([]);

    const forced = runCli(root, "import", [file, "--force"]);
    expect(forced.stderr).toContain("Wrote dashboards/api-latency.ts");
    expect(readFileSync(join(root, "dashboards/api-latency.ts"), "utf8")).toContain(
      '"Requests per second"',
    );
    // Registered once, not twice.
    const index = readFileSync(join(root, "dashboards/index.ts"), "utf8");
    expect(index.match(/apiLatency/g)).toHaveLength(2);
  });

  it("refuses a file with no dashboard, writing nothing", () => {
    const file = join(root, "rules.yml");
    writeFileSync(file, "groups: []\n");
    const r = runCli(root, "import", [file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("holds no dashboard to import");
    expect(existsSync(join(root, "dashboards/rules.ts"))).toBe(false);
  });
});
