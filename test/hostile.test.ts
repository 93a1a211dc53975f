/**
 * Hostile and broken input, end to end through the commands: each becomes a finding with its
 * file (and line where there is one), the run goes on with the other files, and nothing is
 * written. One fixture per way of breaking things.
 */
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../scripts/engine/findings.ts";
import { limits } from "../scripts/engine/limits.ts";
import { copyRepo, repoRoot, runCli, snapshot } from "./helpers/repo.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("npm run check on hostile files", () => {
  const tmp = mkdtempSync(join(tmpdir(), "mlmon-hostile-"));
  dirs.push(tmp);
  const file = (name: string, text: string) => {
    writeFileSync(join(tmp, name), text);
    return join(tmp, name);
  };
  const deepJson = file("deep.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
  const deepYaml = file("deep.yml", `groups: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`);
  const levels = Array.from({ length: 9 }, (_, i) => String.fromCharCode(97 + i));
  const bomb = file(
    "bomb.yml",
    `groups:\n  - name: g\n    rules: []\n${levels
      .map((l, i) =>
        i === 0
          ? `x${l}: &${l} [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]`
          : `x${l}: &${l} [${Array(10)
              .fill(`*${levels[i - 1]}`)
              .join(", ")}]`,
      )
      .join("\n")}\n`,
  );
  const dangling = join(tmp, "dangling.json");
  symlinkSync(join(tmp, "nowhere.json"), dangling);
  const empty = join(tmp, "empty");
  mkdirSync(empty);
  const good = "test/fixtures/check/rules/good.yml";
  const r = runCli(repoRoot, "check", [
    deepJson,
    deepYaml,
    bomb,
    dangling,
    empty,
    good,
    "--format",
    "json",
  ]);
  const findings = JSON.parse(r.stdout) as Finding[];
  const of = (path: string) => findings.filter((f) => f.where.file === path);

  it("exits 1 with every finding as JSON, and no stack trace", () => {
    expect(r.status).toBe(1);
    noStackTrace(r.stderr);
    for (const f of findings) expect(f.where.file).toEqual(expect.any(String));
  });

  it("100k-deep JSON and YAML: refused at the depth limit, with the place", () => {
    expect(of(deepJson)).toEqual([
      expect.objectContaining({
        rule: "json/parse",
        where: { file: deepJson, line: 1, column: limits.depth + 1 },
        message: expect.stringContaining(`nested more than ${limits.depth} levels deep`),
      }),
    ]);
    expect(of(deepYaml)).toEqual([
      expect.objectContaining({
        rule: "yaml/parse",
        message: expect.stringContaining("levels deep"),
      }),
    ]);
  });

  it("a YAML alias bomb: refused at its first alias", () => {
    expect(of(bomb)).toEqual([
      expect.objectContaining({
        rule: "yaml/parse",
        where: expect.objectContaining({ line: 5 }),
        message: expect.stringContaining("an alias bomb"),
      }),
    ]);
  });

  it("a link to nothing and an empty folder are errors; the good file is still checked", () => {
    expect(of(dangling)).toEqual([
      expect.objectContaining({
        rule: "check/input",
        message: expect.stringContaining("a link to nothing"),
      }),
    ]);
    expect(of(empty)).toEqual([
      expect.objectContaining({
        rule: "check/input",
        message: expect.stringContaining("An empty folder"),
      }),
    ]);
    expect(of(good)).toEqual([]);
    expect(r.stderr).not.toContain("Checked 0 file");
  });
});

describe("npm run build on hostile sources", () => {
  it("sources that throw at import, a NaN threshold and a duration in words: findings at their lines, nothing written", () => {
    const d = copyRepo();
    dirs.push(d);
    const edit = (path: string, from: string | RegExp, to: string) => {
      const text = readFileSync(join(d, path), "utf8");
      const next = text.replace(from, to);
      expect(next, path).not.toBe(text);
      writeFileSync(join(d, path), next);
    };
    edit(
      "dashboards/ml-worker.ts",
      "export default defineDashboard({",
      'throw new Error("half-edited");\nexport default defineDashboard({',
    );
    edit(
      "dashboards/api-service.ts",
      "export default defineDashboard({",
      'throw { reason: "not an Error" };\nexport default defineDashboard({',
    );
    edit(
      "config/platform.ts",
      /gatewayErrorRatio: \{\s*ratio: 0\.05,/,
      "gatewayErrorRatio: { ratio: NaN,",
    );
    edit("alerts/targets.ts", "for: thresholds.targetDown.for,", 'for: "5 minutes" as "5m",');
    const before = snapshot(d);
    const r = runCli(d, "build", ["--format", "json"]);
    expect(r.status).toBe(1);
    noStackTrace(r.stderr);
    const findings = JSON.parse(r.stdout) as Finding[];
    const line = (path: string, text: string) =>
      readFileSync(join(d, path), "utf8")
        .split("\n")
        .findIndex((l) => l.includes(text)) + 1;
    expect(findings.filter((f) => f.rule === "source/import")).toEqual([
      expect.objectContaining({
        // A thrown non-Error has no stack: the module is all there is to name.
        where: { file: "dashboards/api-service.ts" },
        message: expect.stringContaining(
          '{"reason":"not an Error"} (a object was thrown, not an Error)',
        ),
      }),
      expect.objectContaining({
        where: expect.objectContaining({
          file: "dashboards/ml-worker.ts",
          line: line("dashboards/ml-worker.ts", "throw new Error"),
        }),
        message: expect.stringContaining("half-edited"),
      }),
    ]);
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: "platform/thresholds",
        message: expect.stringContaining(
          "thresholds.gatewayErrorRatio.ratio: NaN is not a finite number",
        ),
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: "alerts/durations",
        where: expect.objectContaining({ file: "alerts/targets.ts", alert: "TargetDown" }),
      }),
    );
    expect(snapshot(d)).toEqual(before);
  });

  it("config/runbook.md as a folder: the build says so and writes nothing", () => {
    const d = copyRepo();
    dirs.push(d);
    rmSync(join(d, "config/runbook.md"));
    mkdirSync(join(d, "config/runbook.md"));
    writeFileSync(join(d, "config/runbook.md/notes.txt"), "mine\n");
    appendFileSync(join(d, "config/prometheus/alerts.yml"), "# edited\n");
    const before = snapshot(d);
    const r = runCli(d, "build");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /config\/runbook.md\n {2}error write\/blocked[^\n]*\n\s+Cannot write it: config\/runbook.md is a directory/,
    );
    expect(r.stderr).toContain("nothing was written");
    expect(snapshot(d)).toEqual(before);
  });
});
